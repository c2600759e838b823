using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeadlineDepartments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DepartmentId",
                table: "RequestDeadlines",
                type: "INTEGER",
                nullable: true);

            // Deadlines recorded before the column: the department each was charged to, read from the timeline as
            // RequestClock charges it (the sign deadline to the department its dispatch or transfer sent it to; first
            // reply and resolve to the lead as the last dispatch, transfer, return or direct handling left it when the
            // deadline ended, or now for a running one).
            migrationBuilder.Sql("""
                UPDATE "RequestDeadlines" SET "DepartmentId" = "PartyDepartmentId" WHERE "Kind" = 'CoHandlerReply';
                UPDATE "RequestDeadlines" SET "DepartmentId" = (
                    SELECT e."DepartmentId" FROM "RequestEvents" e
                    WHERE e."RequestId" = "RequestDeadlines"."RequestId" AND e."Action" IN ('Dispatch', 'Transfer')
                        AND e."At" = "RequestDeadlines"."StartedAt"
                    ORDER BY e."Sequence" DESC LIMIT 1)
                WHERE "Kind" = 'Sign';
                UPDATE "RequestDeadlines" SET "DepartmentId" = (
                    SELECT CASE WHEN e."Action" IN ('Dispatch', 'Transfer') THEN e."DepartmentId" END FROM "RequestEvents" e
                    WHERE e."RequestId" = "RequestDeadlines"."RequestId" AND e."Action" IN ('Dispatch', 'Transfer', 'Return', 'HandleDirectly')
                        AND ("RequestDeadlines"."EndedAt" IS NULL OR e."At" <= "RequestDeadlines"."EndedAt")
                    ORDER BY e."Sequence" DESC LIMIT 1)
                WHERE "Kind" IN ('FirstReply', 'Resolve');
                """);

            migrationBuilder.CreateIndex(
                name: "IX_RequestEvents_Action_At",
                table: "RequestEvents",
                columns: new[] { "Action", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_RequestDeadlines_Kind_DueAt",
                table: "RequestDeadlines",
                columns: new[] { "Kind", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RequestEvents_Action_At",
                table: "RequestEvents");

            migrationBuilder.DropIndex(
                name: "IX_RequestDeadlines_Kind_DueAt",
                table: "RequestDeadlines");

            migrationBuilder.DropColumn(
                name: "DepartmentId",
                table: "RequestDeadlines");
        }
    }
}
