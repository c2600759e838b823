using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FigureRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FigureDeadlineDays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Counted = table.Column<int>(type: "INTEGER", nullable: false),
                    OnTime = table.Column<int>(type: "INTEGER", nullable: false),
                    Met = table.Column<int>(type: "INTEGER", nullable: false),
                    MetTicks = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureDeadlineDays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FigureDirtyDays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureDirtyDays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FigureDisputeDays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Satisfied = table.Column<bool>(type: "INTEGER", nullable: false),
                    Upheld = table.Column<bool>(type: "INTEGER", nullable: true),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureDisputeDays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FigureEventDays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Solved = table.Column<int>(type: "INTEGER", nullable: false),
                    Rated = table.Column<int>(type: "INTEGER", nullable: false),
                    Satisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    Reopened = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureEventDays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FigureReceivedDays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureReceivedDays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FigureRollups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    CalendarRevision = table.Column<long>(type: "INTEGER", nullable: true),
                    BuiltAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClaimedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureRollups", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FigureDeadlineDays_Day",
                table: "FigureDeadlineDays",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_FigureDirtyDays_Day",
                table: "FigureDirtyDays",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_FigureDisputeDays_Day",
                table: "FigureDisputeDays",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_FigureEventDays_Day",
                table: "FigureEventDays",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_FigureReceivedDays_Day",
                table: "FigureReceivedDays",
                column: "Day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FigureDeadlineDays");

            migrationBuilder.DropTable(
                name: "FigureDirtyDays");

            migrationBuilder.DropTable(
                name: "FigureDisputeDays");

            migrationBuilder.DropTable(
                name: "FigureEventDays");

            migrationBuilder.DropTable(
                name: "FigureReceivedDays");

            migrationBuilder.DropTable(
                name: "FigureRollups");
        }
    }
}
