using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GreenGrid.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ResidentId = table.Column<long>(type: "bigint", nullable: false),
                    Type = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    EffectiveDate = table.Column<DateOnly>(type: "date", nullable: false),
                    LastExposure = table.Column<DateOnly>(type: "date", nullable: true),
                    SourceCaseId = table.Column<long>(type: "bigint", nullable: true),
                    Facility = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SweepId = table.Column<long>(type: "bigint", nullable: true),
                    SupersedesId = table.Column<long>(type: "bigint", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedById = table.Column<long>(type: "bigint", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_events_accounts_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_case_events_case_events_SupersedesId",
                        column: x => x.SupersedesId,
                        principalTable: "case_events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_case_events_residents_ResidentId",
                        column: x => x.ResidentId,
                        principalTable: "residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_case_events_residents_SourceCaseId",
                        column: x => x.SourceCaseId,
                        principalTable: "residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_case_events_EffectiveDate_Type",
                table: "case_events",
                columns: new[] { "EffectiveDate", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_case_events_RecordedById_IdempotencyKey",
                table: "case_events",
                columns: new[] { "RecordedById", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_events_ResidentId_EffectiveDate",
                table: "case_events",
                columns: new[] { "ResidentId", "EffectiveDate" });

            migrationBuilder.CreateIndex(
                name: "IX_case_events_SourceCaseId",
                table: "case_events",
                column: "SourceCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_events_SupersedesId",
                table: "case_events",
                column: "SupersedesId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_events");
        }
    }
}
