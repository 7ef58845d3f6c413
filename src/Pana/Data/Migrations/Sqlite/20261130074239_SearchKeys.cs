using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pana.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PersonNameKeys_PersonId",
                table: "PersonNameKeys");

            migrationBuilder.AddColumn<string>(
                name: "SortName",
                table: "PersonNameKeys",
                type: "TEXT",
                maxLength: 320,
                nullable: false,
                defaultValue: "");

            // Existing keys carry their person's name from now on; new ones get it when they are written.
            migrationBuilder.Sql("""UPDATE "PersonNameKeys" SET "SortName" = (SELECT p."LatinName" FROM "Persons" p WHERE p."Id" = "PersonNameKeys"."PersonId");""");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_LatinName_Id",
                table: "Persons",
                columns: new[] { "LatinName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonNameKeys_Key_SortName_PersonId",
                table: "PersonNameKeys",
                columns: new[] { "Key", "SortName", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonNameKeys_PersonId_Key",
                table: "PersonNameKeys",
                columns: new[] { "PersonId", "Key" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Persons_LatinName_Id",
                table: "Persons");

            migrationBuilder.DropIndex(
                name: "IX_PersonNameKeys_Key_SortName_PersonId",
                table: "PersonNameKeys");

            migrationBuilder.DropIndex(
                name: "IX_PersonNameKeys_PersonId_Key",
                table: "PersonNameKeys");

            migrationBuilder.DropColumn(
                name: "SortName",
                table: "PersonNameKeys");

            migrationBuilder.CreateIndex(
                name: "IX_PersonNameKeys_PersonId",
                table: "PersonNameKeys",
                column: "PersonId");
        }
    }
}
