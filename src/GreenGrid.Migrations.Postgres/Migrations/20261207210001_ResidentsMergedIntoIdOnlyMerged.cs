using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenGrid.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ResidentsMergedIntoIdOnlyMerged : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_residents_MergedIntoId",
                table: "residents");

            migrationBuilder.CreateIndex(
                name: "IX_residents_MergedIntoId",
                table: "residents",
                column: "MergedIntoId",
                filter: "\"MergedIntoId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_residents_MergedIntoId",
                table: "residents");

            migrationBuilder.CreateIndex(
                name: "IX_residents_MergedIntoId",
                table: "residents",
                column: "MergedIntoId");
        }
    }
}
