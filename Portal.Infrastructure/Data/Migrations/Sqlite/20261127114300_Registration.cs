using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Registration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PortalNotifications_UserId_RequestNumber_EventSequence",
                table: "PortalNotifications");

            migrationBuilder.AlterColumn<string>(
                name: "Action",
                table: "PortalNotifications",
                type: "TEXT",
                maxLength: 32,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 32);

            migrationBuilder.AddColumn<long>(
                name: "RegistrationId",
                table: "PortalNotifications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegistrationStep",
                table: "PortalNotifications",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Registrations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicantUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    EnterpriseName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", unicode: false, maxLength: 18, nullable: false),
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RefusalReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Registrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Registrations_AspNetUsers_ApplicantUserId",
                        column: x => x.ApplicantUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Registrations_AspNetUsers_DecidedByUserId",
                        column: x => x.DecidedByUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Registrations_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PortalNotifications_RegistrationId",
                table: "PortalNotifications",
                column: "RegistrationId");

            migrationBuilder.CreateIndex(
                name: "IX_PortalNotifications_UserId_RegistrationId_RegistrationStep",
                table: "PortalNotifications",
                columns: new[] { "UserId", "RegistrationId", "RegistrationStep" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PortalNotifications_UserId_RequestNumber_EventSequence",
                table: "PortalNotifications",
                columns: new[] { "UserId", "RequestNumber", "EventSequence" },
                unique: true,
                filter: "\"EscalationId\" IS NULL AND \"RegistrationId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_ApplicantUserId",
                table: "Registrations",
                column: "ApplicantUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_CreditCode",
                table: "Registrations",
                column: "CreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_DecidedByUserId",
                table: "Registrations",
                column: "DecidedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_EnterpriseId",
                table: "Registrations",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_Status_EnterpriseId",
                table: "Registrations",
                columns: new[] { "Status", "EnterpriseId" });

            migrationBuilder.AddForeignKey(
                name: "FK_PortalNotifications_Registrations_RegistrationId",
                table: "PortalNotifications",
                column: "RegistrationId",
                principalTable: "Registrations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PortalNotifications_Registrations_RegistrationId",
                table: "PortalNotifications");

            migrationBuilder.DropTable(
                name: "Registrations");

            migrationBuilder.DropIndex(
                name: "IX_PortalNotifications_RegistrationId",
                table: "PortalNotifications");

            migrationBuilder.DropIndex(
                name: "IX_PortalNotifications_UserId_RegistrationId_RegistrationStep",
                table: "PortalNotifications");

            migrationBuilder.DropIndex(
                name: "IX_PortalNotifications_UserId_RequestNumber_EventSequence",
                table: "PortalNotifications");

            migrationBuilder.DropColumn(
                name: "RegistrationId",
                table: "PortalNotifications");

            migrationBuilder.DropColumn(
                name: "RegistrationStep",
                table: "PortalNotifications");

            migrationBuilder.AlterColumn<string>(
                name: "Action",
                table: "PortalNotifications",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 32,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PortalNotifications_UserId_RequestNumber_EventSequence",
                table: "PortalNotifications",
                columns: new[] { "UserId", "RequestNumber", "EventSequence" },
                unique: true,
                filter: "\"EscalationId\" IS NULL");
        }
    }
}
