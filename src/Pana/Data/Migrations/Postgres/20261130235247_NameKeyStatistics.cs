using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pana.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NameKeyStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Name words are few and skewed (thousands share Muhammad): with the default 100 most common values the planner
            // guesses a word's range holds a row or two and probes the other word per person; with 1,000 it hash-joins the two ranges.
            migrationBuilder.Sql("ALTER TABLE \"PersonNameKeys\" ALTER COLUMN \"Key\" SET STATISTICS 1000;");
            migrationBuilder.Sql("ANALYZE \"PersonNameKeys\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE \"PersonNameKeys\" ALTER COLUMN \"Key\" SET STATISTICS -1;");
        }
    }
}
