using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Calendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CalendarRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarRevisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CalendarYears",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Notice = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarYears", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "TimeLimitPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    MaxExtensions = table.Column<int>(type: "INTEGER", nullable: false),
                    CoHandlerReply_Amount = table.Column<int>(type: "INTEGER", nullable: false),
                    CoHandlerReply_Unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Dispatch_Amount = table.Column<int>(type: "INTEGER", nullable: false),
                    Dispatch_Unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EvaluationWindow_Amount = table.Column<int>(type: "INTEGER", nullable: false),
                    EvaluationWindow_Unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FirstReply_Amount = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstReply_Unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Resolve_Amount = table.Column<int>(type: "INTEGER", nullable: false),
                    Resolve_Unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ResolveWithCoHandlers_Amount = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolveWithCoHandlers_Unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReturnWindow_Amount = table.Column<int>(type: "INTEGER", nullable: false),
                    ReturnWindow_Unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Sign_Amount = table.Column<int>(type: "INTEGER", nullable: false),
                    Sign_Unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TimeLimitPolicies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TimeLimitPolicies_RequestCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "RequestCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WorkingPeriods",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Start = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    End = table.Column<TimeOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkingPeriods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CalendarEntries",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarEntries", x => x.Date);
                    table.ForeignKey(
                        name: "FK_CalendarEntries_CalendarYears_Year",
                        column: x => x.Year,
                        principalTable: "CalendarYears",
                        principalColumn: "Year",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CalendarEntries_Year",
                table: "CalendarEntries",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_TimeLimitPolicies_CategoryId_Urgency",
                table: "TimeLimitPolicies",
                columns: new[] { "CategoryId", "Urgency" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalendarEntries");

            migrationBuilder.DropTable(
                name: "CalendarRevisions");

            migrationBuilder.DropTable(
                name: "TimeLimitPolicies");

            migrationBuilder.DropTable(
                name: "WorkingPeriods");

            migrationBuilder.DropTable(
                name: "CalendarYears");
        }
    }
}
