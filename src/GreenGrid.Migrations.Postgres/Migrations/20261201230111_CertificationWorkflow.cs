using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GreenGrid.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CertificationWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "certification_batches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ScopeId = table.Column<long>(type: "bigint", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedById = table.Column<long>(type: "bigint", nullable: false),
                    Totals = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certification_batches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_certification_batches_accounts_PublishedById",
                        column: x => x.PublishedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_certification_batches_places_ScopeId",
                        column: x => x.ScopeId,
                        principalTable: "places",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "certification_controls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    CompoundPath = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Control = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    AttestedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    WithdrawnOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AttestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AttestedById = table.Column<long>(type: "bigint", nullable: false),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawnById = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certification_controls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_certification_controls_accounts_AttestedById",
                        column: x => x.AttestedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_certification_controls_accounts_WithdrawnById",
                        column: x => x.WithdrawnById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_certification_controls_places_CompoundId",
                        column: x => x.CompoundId,
                        principalTable: "places",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "certification_reopening_rules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Relaxation = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AppliesTo = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    AfterDays = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certification_reopening_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "certification_standards",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    QuietDays = table.Column<int>(type: "integer", nullable: false),
                    ObservationDays = table.Column<int>(type: "integer", nullable: false),
                    CountAsymptomatic = table.Column<bool>(type: "boolean", nullable: false),
                    RequiredControls = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certification_standards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "certification_applications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlaceId = table.Column<long>(type: "bigint", nullable: false),
                    PlacePath = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    PlaceKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StandardVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AppliedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AppliedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AppliedById = table.Column<long>(type: "bigint", nullable: false),
                    FreeSince = table.Column<DateOnly>(type: "date", nullable: false),
                    Attestations = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Note = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    NoticeUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedById = table.Column<long>(type: "bigint", nullable: true),
                    RejectReason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    CertifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    BatchId = table.Column<long>(type: "bigint", nullable: true),
                    BatchSeq = table.Column<int>(type: "integer", nullable: true),
                    RevokedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedReason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    RevokedByEventId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certification_applications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_certification_applications_accounts_AppliedById",
                        column: x => x.AppliedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_certification_applications_accounts_ReviewedById",
                        column: x => x.ReviewedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_certification_applications_case_events_RevokedByEventId",
                        column: x => x.RevokedByEventId,
                        principalTable: "case_events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_certification_applications_certification_batches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "certification_batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_certification_applications_places_PlaceId",
                        column: x => x.PlaceId,
                        principalTable: "places",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "certification_alerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlaceId = table.Column<long>(type: "bigint", nullable: false),
                    PlacePath = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    ApplicationId = table.Column<long>(type: "bigint", nullable: false),
                    CaseEventId = table.Column<long>(type: "bigint", nullable: true),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RaisedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Message = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certification_alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_certification_alerts_case_events_CaseEventId",
                        column: x => x.CaseEventId,
                        principalTable: "case_events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_certification_alerts_certification_applications_Application~",
                        column: x => x.ApplicationId,
                        principalTable: "certification_applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_certification_alerts_places_PlaceId",
                        column: x => x.PlaceId,
                        principalTable: "places",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "certification_reopening_rules",
                columns: new[] { "Id", "AfterDays", "AppliesTo", "Relaxation" },
                values: new object[] { 1L, 7, "Compound", "movementInsideCompound" });

            migrationBuilder.InsertData(
                table: "certification_standards",
                columns: new[] { "Id", "CountAsymptomatic", "EffectiveFrom", "ObservationDays", "QuietDays", "RequiredControls", "Version" },
                values: new object[] { 1L, true, new DateOnly(2020, 3, 1), 14, 14, "publicity,closedManagement,sweep,disinfection,supply,mobilisation", "wuhan-2020-03-01" });

            migrationBuilder.CreateIndex(
                name: "IX_certification_alerts_ApplicationId",
                table: "certification_alerts",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_certification_alerts_CaseEventId",
                table: "certification_alerts",
                column: "CaseEventId");

            migrationBuilder.CreateIndex(
                name: "IX_certification_alerts_PlaceId",
                table: "certification_alerts",
                column: "PlaceId");

            migrationBuilder.CreateIndex(
                name: "IX_certification_alerts_PlacePath",
                table: "certification_alerts",
                column: "PlacePath");

            migrationBuilder.CreateIndex(
                name: "IX_certification_applications_AppliedById",
                table: "certification_applications",
                column: "AppliedById");

            migrationBuilder.CreateIndex(
                name: "IX_certification_applications_BatchId",
                table: "certification_applications",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_certification_applications_PlaceId_Status",
                table: "certification_applications",
                columns: new[] { "PlaceId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_certification_applications_ReviewedById",
                table: "certification_applications",
                column: "ReviewedById");

            migrationBuilder.CreateIndex(
                name: "IX_certification_applications_RevokedByEventId",
                table: "certification_applications",
                column: "RevokedByEventId");

            migrationBuilder.CreateIndex(
                name: "IX_certification_applications_Status_PlacePath",
                table: "certification_applications",
                columns: new[] { "Status", "PlacePath" });

            migrationBuilder.CreateIndex(
                name: "IX_certification_batches_PublishedById",
                table: "certification_batches",
                column: "PublishedById");

            migrationBuilder.CreateIndex(
                name: "IX_certification_batches_ScopeId_Number",
                table: "certification_batches",
                columns: new[] { "ScopeId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certification_controls_AttestedById",
                table: "certification_controls",
                column: "AttestedById");

            migrationBuilder.CreateIndex(
                name: "IX_certification_controls_CompoundId_Control",
                table: "certification_controls",
                columns: new[] { "CompoundId", "Control" });

            migrationBuilder.CreateIndex(
                name: "IX_certification_controls_CompoundPath",
                table: "certification_controls",
                column: "CompoundPath");

            migrationBuilder.CreateIndex(
                name: "IX_certification_controls_WithdrawnById",
                table: "certification_controls",
                column: "WithdrawnById");

            migrationBuilder.CreateIndex(
                name: "IX_certification_standards_Version",
                table: "certification_standards",
                column: "Version",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "certification_alerts");

            migrationBuilder.DropTable(
                name: "certification_controls");

            migrationBuilder.DropTable(
                name: "certification_reopening_rules");

            migrationBuilder.DropTable(
                name: "certification_standards");

            migrationBuilder.DropTable(
                name: "certification_applications");

            migrationBuilder.DropTable(
                name: "certification_batches");
        }
    }
}
