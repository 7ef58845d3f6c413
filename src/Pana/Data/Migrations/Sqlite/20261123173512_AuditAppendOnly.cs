using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pana.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The database itself refuses to delete audit entries or to change a sealed one.
            migrationBuilder.Sql(@"CREATE TRIGGER audit_no_delete BEFORE DELETE ON AuditEntries
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;");
            migrationBuilder.Sql(@"CREATE TRIGGER audit_no_update BEFORE UPDATE ON AuditEntries WHEN OLD.ChainIndex IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER audit_no_update;");
        }
    }
}
