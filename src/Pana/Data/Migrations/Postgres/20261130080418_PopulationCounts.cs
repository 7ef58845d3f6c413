using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pana.Data.Migrations.Postgres
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
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    OperationCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PopulationTypeCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PopulationSubTypeCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    OriginCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Sex = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AgeBand = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountedPersons", x => x.PersonId);
                });

            migrationBuilder.CreateTable(
                name: "PopulationCounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OperationCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PopulationTypeCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PopulationSubTypeCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    OriginCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Sex = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AgeBand = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Persons = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PopulationCounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PopulationCountStates",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: true),
                    RebuiltAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Writes = table.Column<long>(type: "bigint", nullable: false)
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
