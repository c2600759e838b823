using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AdminSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EscalationSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    WarningPercent = table.Column<int>(type: "integer", nullable: false),
                    SevereAfterWorkingDays = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EscalationSettings", x => x.Id);
                    table.CheckConstraint("CK_EscalationSettings_SevereAfterWorkingDays", "\"SevereAfterWorkingDays\" BETWEEN 0 AND 10");
                    table.CheckConstraint("CK_EscalationSettings_Singleton", "\"Id\" = 1");
                    table.CheckConstraint("CK_EscalationSettings_WarningPercent", "\"WarningPercent\" BETWEEN 1 AND 99");
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EscalationSettings");
        }
    }
}
