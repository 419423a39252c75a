using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GreenGrid.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class HealthChecksSweepsReconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "health_checks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ResidentId = table.Column<long>(type: "bigint", nullable: false),
                    BuildingId = table.Column<long>(type: "bigint", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Temperature = table.Column<decimal>(type: "numeric(4,1)", precision: 4, scale: 1, nullable: false),
                    Symptoms = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Feverish = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedById = table.Column<long>(type: "bigint", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_checks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_health_checks_accounts_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_health_checks_places_BuildingId",
                        column: x => x.BuildingId,
                        principalTable: "places",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_health_checks_residents_ResidentId",
                        column: x => x.ResidentId,
                        principalTable: "residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reconciliation_imports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlaceId = table.Column<long>(type: "bigint", nullable: false),
                    PlacePath = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Source = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    SourceName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    ListRows = table.Column<int>(type: "integer", nullable: false),
                    Same = table.Column<int>(type: "integer", nullable: false),
                    Different = table.Column<int>(type: "integer", nullable: false),
                    OnlyInList = table.Column<int>(type: "integer", nullable: false),
                    OnlyInRegister = table.Column<int>(type: "integer", nullable: false),
                    Elsewhere = table.Column<int>(type: "integer", nullable: false),
                    CreatedById = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reconciliation_imports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_reconciliation_imports_accounts_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_reconciliation_imports_places_PlaceId",
                        column: x => x.PlaceId,
                        principalTable: "places",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sweeps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FromDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ToDate = table.Column<DateOnly>(type: "date", nullable: false),
                    PlaceId = table.Column<long>(type: "bigint", nullable: false),
                    PlacePath = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    CreatedById = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sweeps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sweeps_accounts_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sweeps_places_PlaceId",
                        column: x => x.PlaceId,
                        principalTable: "places",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reconciliation_rows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ImportId = table.Column<long>(type: "bigint", nullable: false),
                    Row = table.Column<int>(type: "integer", nullable: true),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    IdNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Claimed = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ClaimedDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ResidentId = table.Column<long>(type: "bigint", nullable: true),
                    RegisterStatus = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    PlacePath = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reconciliation_rows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_reconciliation_rows_reconciliation_imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "reconciliation_imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_reconciliation_rows_residents_ResidentId",
                        column: x => x.ResidentId,
                        principalTable: "residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sweep_buildings",
                columns: table => new
                {
                    SweepId = table.Column<long>(type: "bigint", nullable: false),
                    BuildingId = table.Column<long>(type: "bigint", nullable: false),
                    BuildingPath = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sweep_buildings", x => new { x.SweepId, x.BuildingId });
                    table.ForeignKey(
                        name: "FK_sweep_buildings_places_BuildingId",
                        column: x => x.BuildingId,
                        principalTable: "places",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sweep_buildings_sweeps_SweepId",
                        column: x => x.SweepId,
                        principalTable: "sweeps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sweep_visits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SweepId = table.Column<long>(type: "bigint", nullable: false),
                    HouseholdId = table.Column<long>(type: "bigint", nullable: false),
                    BuildingId = table.Column<long>(type: "bigint", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    VisitedById = table.Column<long>(type: "bigint", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FindingEventIds = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sweep_visits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sweep_visits_accounts_VisitedById",
                        column: x => x.VisitedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sweep_visits_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sweep_visits_sweeps_SweepId",
                        column: x => x.SweepId,
                        principalTable: "sweeps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_health_checks_BuildingId_Day",
                table: "health_checks",
                columns: new[] { "BuildingId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_health_checks_RecordedById_IdempotencyKey",
                table: "health_checks",
                columns: new[] { "RecordedById", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_health_checks_ResidentId_Day",
                table: "health_checks",
                columns: new[] { "ResidentId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_reconciliation_imports_CreatedById",
                table: "reconciliation_imports",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_reconciliation_imports_PlaceId",
                table: "reconciliation_imports",
                column: "PlaceId");

            migrationBuilder.CreateIndex(
                name: "IX_reconciliation_imports_PlacePath",
                table: "reconciliation_imports",
                column: "PlacePath");

            migrationBuilder.CreateIndex(
                name: "IX_reconciliation_rows_ImportId_Outcome",
                table: "reconciliation_rows",
                columns: new[] { "ImportId", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_reconciliation_rows_PlacePath_Outcome",
                table: "reconciliation_rows",
                columns: new[] { "PlacePath", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_reconciliation_rows_ResidentId",
                table: "reconciliation_rows",
                column: "ResidentId");

            migrationBuilder.CreateIndex(
                name: "IX_sweep_buildings_BuildingId",
                table: "sweep_buildings",
                column: "BuildingId");

            migrationBuilder.CreateIndex(
                name: "IX_sweep_buildings_BuildingPath",
                table: "sweep_buildings",
                column: "BuildingPath");

            migrationBuilder.CreateIndex(
                name: "IX_sweep_visits_HouseholdId",
                table: "sweep_visits",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_sweep_visits_SweepId_BuildingId",
                table: "sweep_visits",
                columns: new[] { "SweepId", "BuildingId" });

            migrationBuilder.CreateIndex(
                name: "IX_sweep_visits_VisitedById_IdempotencyKey",
                table: "sweep_visits",
                columns: new[] { "VisitedById", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sweeps_CreatedById",
                table: "sweeps",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_sweeps_PlaceId",
                table: "sweeps",
                column: "PlaceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "health_checks");

            migrationBuilder.DropTable(
                name: "reconciliation_rows");

            migrationBuilder.DropTable(
                name: "sweep_buildings");

            migrationBuilder.DropTable(
                name: "sweep_visits");

            migrationBuilder.DropTable(
                name: "reconciliation_imports");

            migrationBuilder.DropTable(
                name: "sweeps");
        }
    }
}
