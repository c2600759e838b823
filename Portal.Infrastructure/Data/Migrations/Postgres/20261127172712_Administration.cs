using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Administration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsActive",
                table: "RequestCategories",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "EnterpriseContacts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Position = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Mobile = table.Column<string>(type: "character varying(11)", unicode: false, maxLength: 11, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EnterpriseId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnterpriseContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EnterpriseContacts_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseContacts_EnterpriseId",
                table: "EnterpriseContacts",
                column: "EnterpriseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EnterpriseContacts");

            migrationBuilder.DropTable(
                name: "EscalationSettings");

            migrationBuilder.DropColumn(
                name: "IsActive",
                table: "RequestCategories");
        }
    }
}
