using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Routing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "LeadDepartmentId",
                table: "RequestCategories",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<string>(
                name: "DefaultCommissionerUserId",
                table: "Parks",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DefaultCommissionerUserId",
                table: "Industries",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DeactivatedAt",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Parks_DefaultCommissionerUserId",
                table: "Parks",
                column: "DefaultCommissionerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Industries_DefaultCommissionerUserId",
                table: "Industries",
                column: "DefaultCommissionerUserId");

            migrationBuilder.AddForeignKey(
                name: "FK_Industries_AspNetUsers_DefaultCommissionerUserId",
                table: "Industries",
                column: "DefaultCommissionerUserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Parks_AspNetUsers_DefaultCommissionerUserId",
                table: "Parks",
                column: "DefaultCommissionerUserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Industries_AspNetUsers_DefaultCommissionerUserId",
                table: "Industries");

            migrationBuilder.DropForeignKey(
                name: "FK_Parks_AspNetUsers_DefaultCommissionerUserId",
                table: "Parks");

            migrationBuilder.DropIndex(
                name: "IX_Parks_DefaultCommissionerUserId",
                table: "Parks");

            migrationBuilder.DropIndex(
                name: "IX_Industries_DefaultCommissionerUserId",
                table: "Industries");

            migrationBuilder.DropColumn(
                name: "DefaultCommissionerUserId",
                table: "Parks");

            migrationBuilder.DropColumn(
                name: "DefaultCommissionerUserId",
                table: "Industries");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "AspNetUsers");

            migrationBuilder.AlterColumn<int>(
                name: "LeadDepartmentId",
                table: "RequestCategories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
