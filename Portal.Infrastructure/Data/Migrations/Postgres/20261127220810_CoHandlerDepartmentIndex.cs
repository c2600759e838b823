using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CoHandlerDepartmentIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RequestCoHandlers_DepartmentId",
                table: "RequestCoHandlers");

            migrationBuilder.CreateIndex(
                name: "IX_RequestCoHandlers_DepartmentId_RequestId",
                table: "RequestCoHandlers",
                columns: new[] { "DepartmentId", "RequestId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RequestCoHandlers_DepartmentId_RequestId",
                table: "RequestCoHandlers");

            migrationBuilder.CreateIndex(
                name: "IX_RequestCoHandlers_DepartmentId",
                table: "RequestCoHandlers",
                column: "DepartmentId");
        }
    }
}
