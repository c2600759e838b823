using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeadlineRecordedLevel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RecordedLevel",
                table: "RequestDeadlines",
                type: "character varying(24)",
                maxLength: 24,
                nullable: true);

            migrationBuilder.Sql(MigrationSql.DeadlineRecordedLevels);

            migrationBuilder.CreateIndex(
                name: "IX_RequestDeadlines_Running_Kind_DueAt",
                table: "RequestDeadlines",
                columns: new[] { "Kind", "DueAt" },
                filter: "\"Status\" IN ('Open', 'Paused')")
                .Annotation("Npgsql:IndexInclude", new[] { "Status", "PausedAt", "EndedAt", "DepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_RequestDeadlines_Running_RecordedLevel",
                table: "RequestDeadlines",
                columns: new[] { "RequestId", "RecordedLevel" },
                filter: "\"Status\" = 'Open' AND \"RecordedLevel\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RequestDeadlines_Running_Kind_DueAt",
                table: "RequestDeadlines");

            migrationBuilder.DropIndex(
                name: "IX_RequestDeadlines_Running_RecordedLevel",
                table: "RequestDeadlines");

            migrationBuilder.DropColumn(
                name: "RecordedLevel",
                table: "RequestDeadlines");
        }
    }
}
