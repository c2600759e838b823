using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Attachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastActivityAt",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "LastPublicActivityAt",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Existing requests: their last activity, and the last the enterprise could see, from their timelines.
            migrationBuilder.Sql("""
                UPDATE "ServiceRequests" SET
                    "LastActivityAt" = COALESCE((SELECT MAX(e."At") FROM "RequestEvents" e WHERE e."RequestId" = "ServiceRequests"."Id"), "SubmittedAt"),
                    "LastPublicActivityAt" = COALESCE((SELECT MAX(e."At") FROM "RequestEvents" e WHERE e."RequestId" = "ServiceRequests"."Id" AND e."VisibleToEnterprise"), "SubmittedAt");
                """);

            migrationBuilder.CreateTable(
                name: "Attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: true),
                    DraftUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    StorageName = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    UploadedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    VisibleToEnterprise = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Attachments_AspNetUsers_DraftUserId",
                        column: x => x.DraftUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Attachments_ServiceRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "ServiceRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RequestDrafts",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestDrafts", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_RequestDrafts_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_EnterpriseId_LastPublicActivityAt_Id",
                table: "ServiceRequests",
                columns: new[] { "EnterpriseId", "LastPublicActivityAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_LastActivityAt_Id",
                table: "ServiceRequests",
                columns: new[] { "LastActivityAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_DraftUserId",
                table: "Attachments",
                column: "DraftUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_RequestId_UploadedAt",
                table: "Attachments",
                columns: new[] { "RequestId", "UploadedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_StorageName",
                table: "Attachments",
                column: "StorageName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Attachments");

            migrationBuilder.DropTable(
                name: "RequestDrafts");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_EnterpriseId_LastPublicActivityAt_Id",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_LastActivityAt_Id",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "LastActivityAt",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "LastPublicActivityAt",
                table: "ServiceRequests");
        }
    }
}
