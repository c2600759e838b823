using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarRevisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CalendarYears",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Notice = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarYears", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "TimeLimitPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    Urgency = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    MaxExtensions = table.Column<int>(type: "integer", nullable: false),
                    CoHandlerReply_Amount = table.Column<int>(type: "integer", nullable: false),
                    CoHandlerReply_Unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Dispatch_Amount = table.Column<int>(type: "integer", nullable: false),
                    Dispatch_Unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EvaluationWindow_Amount = table.Column<int>(type: "integer", nullable: false),
                    EvaluationWindow_Unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FirstReply_Amount = table.Column<int>(type: "integer", nullable: false),
                    FirstReply_Unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Resolve_Amount = table.Column<int>(type: "integer", nullable: false),
                    Resolve_Unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ResolveWithCoHandlers_Amount = table.Column<int>(type: "integer", nullable: false),
                    ResolveWithCoHandlers_Unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReturnWindow_Amount = table.Column<int>(type: "integer", nullable: false),
                    ReturnWindow_Unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Sign_Amount = table.Column<int>(type: "integer", nullable: false),
                    Sign_Unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    End = table.Column<TimeOnly>(type: "time without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkingPeriods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CalendarEntries",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Year = table.Column<int>(type: "integer", nullable: false)
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
