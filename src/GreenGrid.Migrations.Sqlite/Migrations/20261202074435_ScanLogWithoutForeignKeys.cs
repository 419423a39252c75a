using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenGrid.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ScanLogWithoutForeignKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_scans_accounts_GuardId",
                table: "scans");

            migrationBuilder.DropForeignKey(
                name: "FK_scans_gates_GateId",
                table: "scans");

            migrationBuilder.DropIndex(
                name: "IX_scans_GateId_DecidedAt",
                table: "scans");

            migrationBuilder.DropIndex(
                name: "IX_scans_GuardId",
                table: "scans");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_scans_GateId_DecidedAt",
                table: "scans",
                columns: new[] { "GateId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_scans_GuardId",
                table: "scans",
                column: "GuardId");

            migrationBuilder.AddForeignKey(
                name: "FK_scans_accounts_GuardId",
                table: "scans",
                column: "GuardId",
                principalTable: "accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_scans_gates_GateId",
                table: "scans",
                column: "GateId",
                principalTable: "gates",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
