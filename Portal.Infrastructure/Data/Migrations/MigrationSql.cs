namespace Portal.Infrastructure.Data.Migrations;

/// <summary>Data moves both databases' migrations run alike (SQLite 3.33+ and PostgreSQL share this SQL).</summary>
internal static class MigrationSql
{
    /// <summary>Each deadline notes the highest level the escalation log holds for it (<c>RequestDeadline.RecordedLevel</c>).</summary>
    public const string DeadlineRecordedLevels = """
        UPDATE "RequestDeadlines" SET "RecordedLevel" = e."Level"
        FROM (
            SELECT "RequestId", "Kind", "PartyDepartmentId", "Generation",
                CASE max(CASE "Level" WHEN 'SeverelyOverdue' THEN 3 WHEN 'Overdue' THEN 2 WHEN 'Warning' THEN 1 ELSE 0 END)
                    WHEN 3 THEN 'SeverelyOverdue' WHEN 2 THEN 'Overdue' WHEN 1 THEN 'Warning' ELSE 'OnTime' END AS "Level"
            FROM "Escalations"
            GROUP BY "RequestId", "Kind", "PartyDepartmentId", "Generation") AS e
        WHERE "RequestDeadlines"."RequestId" = e."RequestId" AND "RequestDeadlines"."Kind" = e."Kind"
            AND "RequestDeadlines"."PartyDepartmentId" = e."PartyDepartmentId" AND "RequestDeadlines"."Generation" = e."Generation";
        """;
}
