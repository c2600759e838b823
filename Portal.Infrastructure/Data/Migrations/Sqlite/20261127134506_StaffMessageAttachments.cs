using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StaffMessageAttachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DraftRequestId",
                table: "Attachments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EventSequence",
                table: "Attachments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_DraftRequestId",
                table: "Attachments",
                column: "DraftRequestId");

            migrationBuilder.AddForeignKey(
                name: "FK_Attachments_ServiceRequests_DraftRequestId",
                table: "Attachments",
                column: "DraftRequestId",
                principalTable: "ServiceRequests",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Attachments_ServiceRequests_DraftRequestId",
                table: "Attachments");

            migrationBuilder.DropIndex(
                name: "IX_Attachments_DraftRequestId",
                table: "Attachments");

            migrationBuilder.DropColumn(
                name: "DraftRequestId",
                table: "Attachments");

            migrationBuilder.DropColumn(
                name: "EventSequence",
                table: "Attachments");
        }
    }
}
