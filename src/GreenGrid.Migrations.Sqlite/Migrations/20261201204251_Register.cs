using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenGrid.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Register : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DocumentType",
                table: "residents",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "ResidentIdCard"); // every resident registered before documents had a type held a resident ID card

            migrationBuilder.AddColumn<long>(
                name: "MergedIntoId",
                table: "residents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "residents",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "residents",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Present");

            migrationBuilder.AddColumn<DateOnly>(
                name: "StatusDate",
                table: "residents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "register_imports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlaceId = table.Column<long>(type: "INTEGER", nullable: false),
                    PlacePath = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Encoding = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Mapping = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CommittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsWithProblems = table.Column<int>(type: "INTEGER", nullable: false),
                    NewResidents = table.Column<int>(type: "INTEGER", nullable: false),
                    UnchangedResidents = table.Column<int>(type: "INTEGER", nullable: false),
                    NewHouseholds = table.Column<int>(type: "INTEGER", nullable: false),
                    Failure = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_imports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_register_imports_places_PlaceId",
                        column: x => x.PlaceId,
                        principalTable: "places",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "resident_merges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    KeptId = table.Column<long>(type: "INTEGER", nullable: false),
                    MergedId = table.Column<long>(type: "INTEGER", nullable: false),
                    MergedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MergedBy = table.Column<long>(type: "INTEGER", nullable: true),
                    KeptBefore = table.Column<string>(type: "TEXT", nullable: false),
                    UnmergedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UnmergedBy = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resident_merges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_resident_merges_residents_KeptId",
                        column: x => x.KeptId,
                        principalTable: "residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_resident_merges_residents_MergedId",
                        column: x => x.MergedId,
                        principalTable: "residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "register_import_problems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportId = table.Column<long>(type: "INTEGER", nullable: false),
                    Row = table.Column<int>(type: "INTEGER", nullable: false),
                    Column = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ExistingResidentId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_import_problems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_register_import_problems_register_imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "register_imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "register_import_rows",
                columns: table => new
                {
                    ImportId = table.Column<long>(type: "INTEGER", nullable: false),
                    Row = table.Column<int>(type: "INTEGER", nullable: false),
                    BuildingId = table.Column<long>(type: "INTEGER", nullable: false),
                    Room = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DocumentType = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    IdNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Relationship = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Residence = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Vulnerabilities = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Unchanged = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_import_rows", x => new { x.ImportId, x.Row });
                    table.ForeignKey(
                        name: "FK_register_import_rows_register_imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "register_imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_residents_MergedIntoId",
                table: "residents",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_residents_Name_BirthDate",
                table: "residents",
                columns: new[] { "Name", "BirthDate" });

            migrationBuilder.CreateIndex(
                name: "IX_register_import_problems_ImportId_Row",
                table: "register_import_problems",
                columns: new[] { "ImportId", "Row" });

            migrationBuilder.CreateIndex(
                name: "IX_register_import_rows_ImportId_IdNumber",
                table: "register_import_rows",
                columns: new[] { "ImportId", "IdNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_register_imports_PlaceId_Sha256",
                table: "register_imports",
                columns: new[] { "PlaceId", "Sha256" });

            migrationBuilder.CreateIndex(
                name: "IX_resident_merges_KeptId",
                table: "resident_merges",
                column: "KeptId");

            migrationBuilder.CreateIndex(
                name: "IX_resident_merges_MergedId",
                table: "resident_merges",
                column: "MergedId");

            migrationBuilder.AddForeignKey(
                name: "FK_residents_residents_MergedIntoId",
                table: "residents",
                column: "MergedIntoId",
                principalTable: "residents",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_residents_residents_MergedIntoId",
                table: "residents");

            migrationBuilder.DropTable(
                name: "register_import_problems");

            migrationBuilder.DropTable(
                name: "register_import_rows");

            migrationBuilder.DropTable(
                name: "resident_merges");

            migrationBuilder.DropTable(
                name: "register_imports");

            migrationBuilder.DropIndex(
                name: "IX_residents_MergedIntoId",
                table: "residents");

            migrationBuilder.DropIndex(
                name: "IX_residents_Name_BirthDate",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "DocumentType",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "StatusDate",
                table: "residents");
        }
    }
}
