using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pana.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PopulationCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CountedPersons",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OperationCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PopulationTypeCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PopulationSubTypeCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OriginCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AgeBand = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountedPersons", x => x.PersonId);
                });

            migrationBuilder.CreateTable(
                name: "PopulationCounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OperationCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PopulationTypeCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PopulationSubTypeCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OriginCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AgeBand = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Persons = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PopulationCounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PopulationCountStates",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RebuiltAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Writes = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PopulationCountStates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PopulationCounts_OperationCode",
                table: "PopulationCounts",
                column: "OperationCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CountedPersons");

            migrationBuilder.DropTable(
                name: "PopulationCounts");

            migrationBuilder.DropTable(
                name: "PopulationCountStates");
        }
    }
}
