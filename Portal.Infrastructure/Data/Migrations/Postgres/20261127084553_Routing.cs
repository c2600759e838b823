using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.Postgres
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
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<string>(
                name: "DefaultCommissionerUserId",
                table: "Parks",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DefaultCommissionerUserId",
                table: "Industries",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeactivatedAt",
                table: "AspNetUsers",
                type: "timestamp with time zone",
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
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);
        }
    }
}
