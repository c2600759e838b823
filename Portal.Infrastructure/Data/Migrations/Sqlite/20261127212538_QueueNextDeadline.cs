using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QueueNextDeadline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "NextDueAt",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: true);

            // Every request's running deadline due first, as ServiceRequest keeps it from now on (the evaluation window
            // does not count; paused, resolved and closed requests have none).
            migrationBuilder.Sql(
                """
                UPDATE "ServiceRequests" SET "NextDueAt" = (
                    SELECT MIN(d."DueAt") FROM "RequestDeadlines" AS d
                    WHERE d."RequestId" = "ServiceRequests"."Id" AND d."Status" = 'Open' AND d."Kind" <> 'Evaluation')
                WHERE "Id" IN (SELECT "RequestId" FROM "RequestDeadlines" WHERE "Status" = 'Open' AND "Kind" <> 'Evaluation');
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_CadreUserId_State",
                table: "ServiceRequests",
                columns: new[] { "CadreUserId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_CommissionerUserId_State",
                table: "ServiceRequests",
                columns: new[] { "CommissionerUserId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_EnterpriseId_State",
                table: "ServiceRequests",
                columns: new[] { "EnterpriseId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_LeadDepartmentId_State",
                table: "ServiceRequests",
                columns: new[] { "LeadDepartmentId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_State_NextDueAt_Id",
                table: "ServiceRequests",
                columns: new[] { "State", "NextDueAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_CadreUserId_State",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_CommissionerUserId_State",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_EnterpriseId_State",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_LeadDepartmentId_State",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_State_NextDueAt_Id",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "NextDueAt",
                table: "ServiceRequests");
        }
    }
}
