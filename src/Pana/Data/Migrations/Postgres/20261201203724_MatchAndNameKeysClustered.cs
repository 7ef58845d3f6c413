using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pana.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MatchAndNameKeysClustered : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_PersonNameKeys",
                table: "PersonNameKeys");

            migrationBuilder.DropIndex(
                name: "IX_PersonNameKeys_Key_SortName_PersonId",
                table: "PersonNameKeys");

            migrationBuilder.AddPrimaryKey(
                name: "PK_PersonNameKeys",
                table: "PersonNameKeys",
                columns: new[] { "Key", "SortName", "PersonId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_PersonNameKeys",
                table: "PersonNameKeys");

            migrationBuilder.AddPrimaryKey(
                name: "PK_PersonNameKeys",
                table: "PersonNameKeys",
                columns: new[] { "Key", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonNameKeys_Key_SortName_PersonId",
                table: "PersonNameKeys",
                columns: new[] { "Key", "SortName", "PersonId" });
        }
    }
}
