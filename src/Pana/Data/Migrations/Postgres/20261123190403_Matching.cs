using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pana.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Matching : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DedupJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OperationCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PersonsTotal = table.Column<int>(type: "integer", nullable: false),
                    PersonsDone = table.Column<int>(type: "integer", nullable: false),
                    Comparisons = table.Column<long>(type: "bigint", nullable: false),
                    PairsFound = table.Column<int>(type: "integer", nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    QueuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DedupJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MatchPairs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonAId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonBId = table.Column<Guid>(type: "uuid", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reasons = table.Column<string>(type: "text", nullable: false),
                    Decision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    JobId = table.Column<Guid>(type: "uuid", nullable: true),
                    FoundAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchPairs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MatchPairs_Persons_PersonAId",
                        column: x => x.PersonAId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MatchPairs_Persons_PersonBId",
                        column: x => x.PersonBId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DedupJobs_QueuedAt",
                table: "DedupJobs",
                column: "QueuedAt");

            migrationBuilder.CreateIndex(
                name: "IX_MatchPairs_Decision_Score",
                table: "MatchPairs",
                columns: new[] { "Decision", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_MatchPairs_PersonAId_PersonBId",
                table: "MatchPairs",
                columns: new[] { "PersonAId", "PersonBId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MatchPairs_PersonBId",
                table: "MatchPairs",
                column: "PersonBId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DedupJobs");

            migrationBuilder.DropTable(
                name: "MatchPairs");
        }
    }
}
