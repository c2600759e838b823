namespace Portal.Infrastructure.Audit;

/// <summary>
/// The database's own refusal to change the audit log, created by the Audit migration of each provider
/// (<c>migrationBuilder.Sql(AuditTriggers.SqliteCreate)</c> and <c>PostgresCreate</c>): an UPDATE or DELETE
/// on <c>AuditEntries</c> fails whoever runs it — the portal, a job, or someone with a SQL prompt and
/// the portal's login. A regenerated migration must call these again.
/// </summary>
public static class AuditTriggers
{
    public const string Refusal = "AuditEntries is append-only";

    public const string SqliteCreate = $"""
        CREATE TRIGGER "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries"
        BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;
        CREATE TRIGGER "AuditEntries_NoDelete" BEFORE DELETE ON "AuditEntries"
        BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;
        """;

    public const string SqliteDrop = """
        DROP TRIGGER IF EXISTS "AuditEntries_NoUpdate";
        DROP TRIGGER IF EXISTS "AuditEntries_NoDelete";
        """;

    public const string PostgresCreate = $"""
        CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{Refusal}' USING ERRCODE = 'insufficient_privilege';
        END;
        $$;
        CREATE TRIGGER "AuditEntries_NoUpdateOrDelete" BEFORE UPDATE OR DELETE ON "AuditEntries"
            FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
        CREATE TRIGGER "AuditEntries_NoTruncate" BEFORE TRUNCATE ON "AuditEntries"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
        """;

    public const string PostgresDrop = """
        DROP TRIGGER IF EXISTS "AuditEntries_NoTruncate" ON "AuditEntries";
        DROP TRIGGER IF EXISTS "AuditEntries_NoUpdateOrDelete" ON "AuditEntries";
        DROP FUNCTION IF EXISTS audit_entries_append_only();
        """;
}
