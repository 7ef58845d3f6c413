using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pana.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MatchKeyYears : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Year",
                table: "PersonMatchKeys",
                type: "integer",
                nullable: true);

            // Each key row takes its person's year (a merged duplicate's keys take the kept person's); new rows carry their own record's.
            migrationBuilder.Sql("""
                UPDATE "PersonMatchKeys" AS k SET "Year" = EXTRACT(YEAR FROM p."BirthDate")::integer FROM "Persons" AS p WHERE p."Id" = k."PersonId" AND p."BirthDatePrecision" <> 'Unknown' AND p."BirthDate" IS NOT NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_PersonMatchKeys_Key_PersonId_Other_Year",
                table: "PersonMatchKeys",
                columns: new[] { "Key", "PersonId", "Other", "Year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PersonMatchKeys_Key_PersonId_Other_Year",
                table: "PersonMatchKeys");

            migrationBuilder.DropColumn(
                name: "Year",
                table: "PersonMatchKeys");
        }
    }
}
