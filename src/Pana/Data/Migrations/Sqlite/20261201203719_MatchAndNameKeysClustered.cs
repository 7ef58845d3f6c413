using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pana.Data.Migrations.Sqlite
{
    /// <summary>
    /// The name and match keys become tables clustered on their keys (WITHOUT ROWID, which EF Core cannot spell, hence SQL):
    /// each key a person gets is then one B-tree entry on a random page, not a row plus a second index entry, which is what an
    /// import into a large registry spends its time writing. A later migration that rebuilds either table must keep WITHOUT ROWID
    /// (a test reads the schema).
    /// </summary>
    public partial class MatchAndNameKeysClustered : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_PersonMatchKeys" (
                    "Key" TEXT NOT NULL,
                    "PersonId" TEXT NOT NULL,
                    "Other" TEXT NOT NULL DEFAULT '',
                    "Year" INTEGER NULL,
                    CONSTRAINT "PK_PersonMatchKeys" PRIMARY KEY ("Key", "PersonId"),
                    CONSTRAINT "FK_PersonMatchKeys_Persons_PersonId" FOREIGN KEY ("PersonId") REFERENCES "Persons" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                INSERT INTO "ef_temp_PersonMatchKeys" ("Key", "PersonId", "Other", "Year")
                    SELECT "Key", "PersonId", "Other", "Year" FROM "PersonMatchKeys" ORDER BY "Key", "PersonId";
                DROP TABLE "PersonMatchKeys";
                ALTER TABLE "ef_temp_PersonMatchKeys" RENAME TO "PersonMatchKeys";
                CREATE INDEX "IX_PersonMatchKeys_PersonId" ON "PersonMatchKeys" ("PersonId");

                CREATE TABLE "ef_temp_PersonNameKeys" (
                    "PersonId" TEXT NOT NULL,
                    "Key" TEXT NOT NULL,
                    "SortName" TEXT NOT NULL DEFAULT '',
                    CONSTRAINT "PK_PersonNameKeys" PRIMARY KEY ("Key", "SortName", "PersonId"),
                    CONSTRAINT "FK_PersonNameKeys_Persons_PersonId" FOREIGN KEY ("PersonId") REFERENCES "Persons" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                INSERT INTO "ef_temp_PersonNameKeys" ("PersonId", "Key", "SortName")
                    SELECT "PersonId", "Key", "SortName" FROM "PersonNameKeys" ORDER BY "Key", "SortName", "PersonId";
                DROP TABLE "PersonNameKeys";
                ALTER TABLE "ef_temp_PersonNameKeys" RENAME TO "PersonNameKeys";
                CREATE INDEX "IX_PersonNameKeys_PersonId_Key" ON "PersonNameKeys" ("PersonId", "Key");
                ANALYZE "PersonMatchKeys";
                ANALYZE "PersonNameKeys";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_PersonMatchKeys" (
                    "Key" TEXT NOT NULL,
                    "PersonId" TEXT NOT NULL,
                    "Other" TEXT NOT NULL DEFAULT '',
                    "Year" INTEGER NULL,
                    CONSTRAINT "PK_PersonMatchKeys" PRIMARY KEY ("Key", "PersonId"),
                    CONSTRAINT "FK_PersonMatchKeys_Persons_PersonId" FOREIGN KEY ("PersonId") REFERENCES "Persons" ("Id") ON DELETE CASCADE
                );
                INSERT INTO "ef_temp_PersonMatchKeys" ("Key", "PersonId", "Other", "Year") SELECT "Key", "PersonId", "Other", "Year" FROM "PersonMatchKeys";
                DROP TABLE "PersonMatchKeys";
                ALTER TABLE "ef_temp_PersonMatchKeys" RENAME TO "PersonMatchKeys";
                CREATE INDEX "IX_PersonMatchKeys_PersonId" ON "PersonMatchKeys" ("PersonId");
                CREATE INDEX "IX_PersonMatchKeys_Key_PersonId_Other_Year" ON "PersonMatchKeys" ("Key", "PersonId", "Other", "Year");

                CREATE TABLE "ef_temp_PersonNameKeys" (
                    "PersonId" TEXT NOT NULL,
                    "Key" TEXT NOT NULL,
                    "SortName" TEXT NOT NULL DEFAULT '',
                    CONSTRAINT "PK_PersonNameKeys" PRIMARY KEY ("Key", "PersonId"),
                    CONSTRAINT "FK_PersonNameKeys_Persons_PersonId" FOREIGN KEY ("PersonId") REFERENCES "Persons" ("Id") ON DELETE CASCADE
                );
                INSERT INTO "ef_temp_PersonNameKeys" ("PersonId", "Key", "SortName") SELECT "PersonId", "Key", "SortName" FROM "PersonNameKeys";
                DROP TABLE "PersonNameKeys";
                ALTER TABLE "ef_temp_PersonNameKeys" RENAME TO "PersonNameKeys";
                CREATE INDEX "IX_PersonNameKeys_PersonId_Key" ON "PersonNameKeys" ("PersonId", "Key");
                CREATE INDEX "IX_PersonNameKeys_Key_SortName_PersonId" ON "PersonNameKeys" ("Key", "SortName", "PersonId");
                """);
        }
    }
}
