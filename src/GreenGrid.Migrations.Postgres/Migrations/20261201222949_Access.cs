using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace GreenGrid.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Access : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "closure_orders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    OpenGateIds = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    OpensAt = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    ClosesAt = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    OutsidersAllowed = table.Column<bool>(type: "boolean", nullable: false),
                    MaskRequired = table.Column<bool>(type: "boolean", nullable: false),
                    FeverThreshold = table.Column<decimal>(type: "numeric(4,1)", precision: 4, scale: 1, nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EffectiveFrom = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IssuedById = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_closure_orders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_closure_orders_accounts_IssuedById",
                        column: x => x.IssuedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_closure_orders_places_CompoundId",
                        column: x => x.CompoundId,
                        principalTable: "places",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "gates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_gates_places_CompoundId",
                        column: x => x.CompoundId,
                        principalTable: "places",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pass_signing_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PublicKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    PrivateKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pass_signing_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quota_rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    ExitsPerHouseholdPerDay = table.Column<int>(type: "integer", nullable: true),
                    ExitsPerPassPerDay = table.Column<int>(type: "integer", nullable: true),
                    MaxMinutesOutside = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quota_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "scans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GateId = table.Column<long>(type: "bigint", nullable: false),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    ClientScanId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    GuardId = table.Column<long>(type: "bigint", nullable: false),
                    Direction = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ScannedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Temperature = table.Column<decimal>(type: "numeric(4,1)", precision: 4, scale: 1, nullable: true),
                    Mask = table.Column<bool>(type: "boolean", nullable: true),
                    PassId = table.Column<long>(type: "bigint", nullable: true),
                    HouseholdId = table.Column<long>(type: "bigint", nullable: true),
                    HolderKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Decision = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Offline = table.Column<bool>(type: "boolean", nullable: false),
                    Conflict = table.Column<bool>(type: "boolean", nullable: false),
                    ServerReason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ClockSkew = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_scans_accounts_GuardId",
                        column: x => x.GuardId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_scans_gates_GateId",
                        column: x => x.GateId,
                        principalTable: "gates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "passes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HolderKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    HolderResidentId = table.Column<long>(type: "bigint", nullable: true),
                    HolderName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    HouseholdId = table.Column<long>(type: "bigint", nullable: true),
                    PlaceId = table.Column<long>(type: "bigint", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    QuotaRuleId = table.Column<int>(type: "integer", nullable: false),
                    Token = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    KeyId = table.Column<int>(type: "integer", nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IssuedById = table.Column<long>(type: "bigint", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokeReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RevokedById = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_passes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_passes_accounts_IssuedById",
                        column: x => x.IssuedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_passes_accounts_RevokedById",
                        column: x => x.RevokedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_passes_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_passes_pass_signing_keys_KeyId",
                        column: x => x.KeyId,
                        principalTable: "pass_signing_keys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_passes_places_PlaceId",
                        column: x => x.PlaceId,
                        principalTable: "places",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_passes_quota_rules_QuotaRuleId",
                        column: x => x.QuotaRuleId,
                        principalTable: "quota_rules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_passes_residents_HolderResidentId",
                        column: x => x.HolderResidentId,
                        principalTable: "residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fever_alerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ScanId = table.Column<long>(type: "bigint", nullable: false),
                    GateId = table.Column<long>(type: "bigint", nullable: false),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    BuildingId = table.Column<long>(type: "bigint", nullable: true),
                    PassId = table.Column<long>(type: "bigint", nullable: true),
                    HouseholdId = table.Column<long>(type: "bigint", nullable: true),
                    ResidentId = table.Column<long>(type: "bigint", nullable: true),
                    HolderName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Temperature = table.Column<decimal>(type: "numeric(4,1)", precision: 4, scale: 1, nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    HandledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HandledById = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fever_alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fever_alerts_scans_ScanId",
                        column: x => x.ScanId,
                        principalTable: "scans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "quota_rules",
                columns: new[] { "Id", "Code", "ExitsPerHouseholdPerDay", "ExitsPerPassPerDay", "MaxMinutesOutside", "NameEn", "NameZh" },
                values: new object[,]
                {
                    { 1, "resident", 1, 1, 120, "One person per household per day, two hours", "每户每天一人外出两小时" },
                    { 2, "duty", null, null, null, "On duty, no limit", "工作通行不限次" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_closure_orders_CompoundId_EffectiveFrom",
                table: "closure_orders",
                columns: new[] { "CompoundId", "EffectiveFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_closure_orders_IssuedById",
                table: "closure_orders",
                column: "IssuedById");

            migrationBuilder.CreateIndex(
                name: "IX_fever_alerts_CompoundId_RaisedAt",
                table: "fever_alerts",
                columns: new[] { "CompoundId", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_fever_alerts_ScanId",
                table: "fever_alerts",
                column: "ScanId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_gates_CompoundId",
                table: "gates",
                column: "CompoundId");

            migrationBuilder.CreateIndex(
                name: "IX_passes_HolderResidentId",
                table: "passes",
                column: "HolderResidentId");

            migrationBuilder.CreateIndex(
                name: "IX_passes_HouseholdId",
                table: "passes",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_passes_IssuedById",
                table: "passes",
                column: "IssuedById");

            migrationBuilder.CreateIndex(
                name: "IX_passes_KeyId",
                table: "passes",
                column: "KeyId");

            migrationBuilder.CreateIndex(
                name: "IX_passes_PlaceId",
                table: "passes",
                column: "PlaceId");

            migrationBuilder.CreateIndex(
                name: "IX_passes_QuotaRuleId",
                table: "passes",
                column: "QuotaRuleId");

            migrationBuilder.CreateIndex(
                name: "IX_passes_RevokedById",
                table: "passes",
                column: "RevokedById");

            migrationBuilder.CreateIndex(
                name: "IX_quota_rules_Code",
                table: "quota_rules",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_scans_CompoundId_DecidedAt",
                table: "scans",
                columns: new[] { "CompoundId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_scans_GateId_ClientScanId",
                table: "scans",
                columns: new[] { "GateId", "ClientScanId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_scans_GateId_DecidedAt",
                table: "scans",
                columns: new[] { "GateId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_scans_GuardId",
                table: "scans",
                column: "GuardId");

            migrationBuilder.CreateIndex(
                name: "IX_scans_HouseholdId_Day",
                table: "scans",
                columns: new[] { "HouseholdId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_scans_PassId_DecidedAt",
                table: "scans",
                columns: new[] { "PassId", "DecidedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "closure_orders");

            migrationBuilder.DropTable(
                name: "fever_alerts");

            migrationBuilder.DropTable(
                name: "passes");

            migrationBuilder.DropTable(
                name: "scans");

            migrationBuilder.DropTable(
                name: "pass_signing_keys");

            migrationBuilder.DropTable(
                name: "quota_rules");

            migrationBuilder.DropTable(
                name: "gates");
        }
    }
}
