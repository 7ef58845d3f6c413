using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pana.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MatchKeyOthers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Other",
                table: "PersonMatchKeys",
                type: "character varying(45)",
                maxLength: 45,
                nullable: false,
                defaultValue: "");

            // Written again with their other words by DuplicateKeys.BackfillAsync, which "migrate" runs next.
            migrationBuilder.Sql("DELETE FROM \"PersonMatchKeys\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Other",
                table: "PersonMatchKeys");
        }
    }
}
