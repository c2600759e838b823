using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Requests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RequestNumberSequences",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    LastValue = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestNumberSequences", x => x.Day);
                });

            migrationBuilder.CreateTable(
                name: "ServiceRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: false),
                    EnterpriseId = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    Urgency = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    State = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CommissionerUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    CadreUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    DispatchedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    LeadDepartmentId = table.Column<int>(type: "integer", nullable: true),
                    LeadHandlerUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    LeadAssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeadSigned = table.Column<bool>(type: "boolean", nullable: false),
                    HandledByCommissioner = table.Column<bool>(type: "boolean", nullable: false),
                    ReopenCount = table.Column<int>(type: "integer", nullable: false),
                    ApprovedExtensions = table.Column<int>(type: "integer", nullable: false),
                    PendingExtensionDays = table.Column<int>(type: "integer", nullable: true),
                    LastUrgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Solved = table.Column<bool>(type: "boolean", nullable: true),
                    Satisfaction = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    RatingCounts = table.Column<bool>(type: "boolean", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Targets = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ReturnedByDepartments = table.Column<int[]>(type: "integer[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceRequests_Departments_LeadDepartmentId",
                        column: x => x.LeadDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRequests_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRequests_RequestCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "RequestCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RequestCoHandlers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RepliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WaivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RequestId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestCoHandlers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestCoHandlers_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RequestCoHandlers_ServiceRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "ServiceRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RequestDeadlines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    PartyDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Generation = table.Column<int>(type: "integer", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Provisional = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PausedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PausedWorkingTime = table.Column<TimeSpan>(type: "interval", nullable: false),
                    RequestId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestDeadlines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestDeadlines_ServiceRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "ServiceRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RequestEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ActorRole = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    VisibleToEnterprise = table.Column<bool>(type: "boolean", nullable: false),
                    StateAfter = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Text = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    DepartmentId = table.Column<int>(type: "integer", nullable: true),
                    TargetUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Days = table.Column<int>(type: "integer", nullable: true),
                    Solved = table.Column<bool>(type: "boolean", nullable: true),
                    Satisfaction = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    Upheld = table.Column<bool>(type: "boolean", nullable: true),
                    RequestId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestEvents_ServiceRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "ServiceRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RequestCoHandlers_DepartmentId",
                table: "RequestCoHandlers",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_RequestCoHandlers_RequestId_DepartmentId",
                table: "RequestCoHandlers",
                columns: new[] { "RequestId", "DepartmentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RequestDeadlines_RequestId_Kind_PartyDepartmentId_Generation",
                table: "RequestDeadlines",
                columns: new[] { "RequestId", "Kind", "PartyDepartmentId", "Generation" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RequestDeadlines_Status_DueAt",
                table: "RequestDeadlines",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RequestEvents_RequestId_Sequence",
                table: "RequestEvents",
                columns: new[] { "RequestId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_CategoryId",
                table: "ServiceRequests",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_CommissionerUserId_SubmittedAt_Id",
                table: "ServiceRequests",
                columns: new[] { "CommissionerUserId", "SubmittedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_EnterpriseId_SubmittedAt_Id",
                table: "ServiceRequests",
                columns: new[] { "EnterpriseId", "SubmittedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_LeadDepartmentId_SubmittedAt_Id",
                table: "ServiceRequests",
                columns: new[] { "LeadDepartmentId", "SubmittedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_Number",
                table: "ServiceRequests",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_State_SubmittedAt_Id",
                table: "ServiceRequests",
                columns: new[] { "State", "SubmittedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_SubmittedAt_Id",
                table: "ServiceRequests",
                columns: new[] { "SubmittedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RequestCoHandlers");

            migrationBuilder.DropTable(
                name: "RequestDeadlines");

            migrationBuilder.DropTable(
                name: "RequestEvents");

            migrationBuilder.DropTable(
                name: "RequestNumberSequences");

            migrationBuilder.DropTable(
                name: "ServiceRequests");
        }
    }
}
