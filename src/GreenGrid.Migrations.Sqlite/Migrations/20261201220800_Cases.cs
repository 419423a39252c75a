using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenGrid.Migrations.Sqlite.Migrations
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResidentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    EffectiveDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastExposure = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SourceCaseId = table.Column<long>(type: "INTEGER", nullable: true),
                    Facility = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SweepId = table.Column<long>(type: "INTEGER", nullable: true),
                    SupersedesId = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedById = table.Column<long>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
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
