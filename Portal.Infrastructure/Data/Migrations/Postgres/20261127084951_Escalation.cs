using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Escalation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PortalNotifications_UserId_RequestNumber_EventSequence",
                table: "PortalNotifications");

            migrationBuilder.AddColumn<long>(
                name: "EscalationId",
                table: "PortalNotifications",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Escalations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RequestId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    PartyDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Generation = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Escalations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Escalations_ServiceRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "ServiceRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PortalNotifications_EscalationId",
                table: "PortalNotifications",
                column: "EscalationId");

            migrationBuilder.CreateIndex(
                name: "IX_PortalNotifications_UserId_EscalationId",
                table: "PortalNotifications",
                columns: new[] { "UserId", "EscalationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PortalNotifications_UserId_RequestNumber_EventSequence",
                table: "PortalNotifications",
                columns: new[] { "UserId", "RequestNumber", "EventSequence" },
                unique: true,
                filter: "\"EscalationId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Escalations_Level_RecordedAt",
                table: "Escalations",
                columns: new[] { "Level", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Escalations_RequestId_Kind_PartyDepartmentId_Generation_Lev~",
                table: "Escalations",
                columns: new[] { "RequestId", "Kind", "PartyDepartmentId", "Generation", "Level" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_PortalNotifications_Escalations_EscalationId",
                table: "PortalNotifications",
                column: "EscalationId",
                principalTable: "Escalations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PortalNotifications_Escalations_EscalationId",
                table: "PortalNotifications");

            migrationBuilder.DropTable(
                name: "Escalations");

            migrationBuilder.DropIndex(
                name: "IX_PortalNotifications_EscalationId",
                table: "PortalNotifications");

            migrationBuilder.DropIndex(
                name: "IX_PortalNotifications_UserId_EscalationId",
                table: "PortalNotifications");

            migrationBuilder.DropIndex(
                name: "IX_PortalNotifications_UserId_RequestNumber_EventSequence",
                table: "PortalNotifications");

            migrationBuilder.DropColumn(
                name: "EscalationId",
                table: "PortalNotifications");

            migrationBuilder.CreateIndex(
                name: "IX_PortalNotifications_UserId_RequestNumber_EventSequence",
                table: "PortalNotifications",
                columns: new[] { "UserId", "RequestNumber", "EventSequence" },
                unique: true);
        }
    }
}
