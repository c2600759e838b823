using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CommissionerQueueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_CommissionerUserId_State",
                table: "ServiceRequests");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_CommissionerUserId_State_NextDueAt_Id_Handl~",
                table: "ServiceRequests",
                columns: new[] { "CommissionerUserId", "State", "NextDueAt", "Id", "HandledByCommissioner" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_CommissionerUserId_State_NextDueAt_Id_Handl~",
                table: "ServiceRequests");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_CommissionerUserId_State",
                table: "ServiceRequests",
                columns: new[] { "CommissionerUserId", "State" });
        }
    }
}
