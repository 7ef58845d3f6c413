using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pana.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The database itself refuses to delete audit entries or to change a sealed one.
            migrationBuilder.Sql(@"CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'the audit log is append-only';
  END IF;
  IF OLD.""ChainIndex"" IS NOT NULL THEN
    RAISE EXCEPTION 'the audit log is append-only';
  END IF;
  RETURN NEW;
END $$;");
            migrationBuilder.Sql(@"CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON ""AuditEntries""
FOR EACH ROW EXECUTE FUNCTION audit_append_only();");
            migrationBuilder.Sql(@"CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON ""AuditEntries""
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"DROP TRIGGER audit_no_truncate ON ""AuditEntries"";");
            migrationBuilder.Sql(@"DROP TRIGGER audit_append_only ON ""AuditEntries"";");
            migrationBuilder.Sql("DROP FUNCTION audit_append_only();");
        }
    }
}
