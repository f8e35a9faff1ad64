using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompetitionHub.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class JudgesConflictsAssignmentsSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssignmentBlocks",
                columns: table => new
                {
                    RoundId = table.Column<int>(type: "int", nullable: false),
                    EntryId = table.Column<int>(type: "int", nullable: false),
                    JudgeUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssignmentBlocks", x => new { x.RoundId, x.EntryId, x.JudgeUserId });
                });

            migrationBuilder.CreateTable(
                name: "Conflicts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ContestId = table.Column<int>(type: "int", nullable: false),
                    JudgeUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    EntryId = table.Column<int>(type: "int", nullable: true),
                    OrganizationCreditCode = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: true),
                    OrganizationName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Type = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    IsActive = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    LiftedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LiftedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    LiftReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Conflicts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContestJudges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ContestId = table.Column<int>(type: "int", nullable: false),
                    Email = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Token = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    InvitedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    InvitedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    MaxLoad = table.Column<int>(type: "int", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContestJudges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JudgeProfiles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Expertise = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Affiliation = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AffiliationCreditCode = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: true),
                    Title = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Holdings = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JudgeProfiles", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "ReviewAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RoundId = table.Column<int>(type: "int", nullable: false),
                    EntryId = table.Column<int>(type: "int", nullable: false),
                    JudgeUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    AssignedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    NotifiedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewAssignments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RoadshowSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RoundId = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Venue = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    PitchMinutes = table.Column<int>(type: "int", nullable: false),
                    QaMinutes = table.Column<int>(type: "int", nullable: false),
                    DrawSeed = table.Column<int>(type: "int", nullable: true),
                    DrawnAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DrawnByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoadshowSessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SessionJudges",
                columns: table => new
                {
                    SessionId = table.Column<int>(type: "int", nullable: false),
                    JudgeUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionJudges", x => new { x.SessionId, x.JudgeUserId });
                    table.ForeignKey(
                        name: "FK_SessionJudges_RoadshowSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "RoadshowSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SessionSlots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SessionId = table.Column<int>(type: "int", nullable: false),
                    RoundId = table.Column<int>(type: "int", nullable: false),
                    EntryId = table.Column<int>(type: "int", nullable: false),
                    Position = table.Column<int>(type: "int", nullable: true),
                    StartsAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionSlots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionSlots_RoadshowSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "RoadshowSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Conflicts_ContestId_EntryId",
                table: "Conflicts",
                columns: new[] { "ContestId", "EntryId" });

            migrationBuilder.CreateIndex(
                name: "IX_Conflicts_ContestId_JudgeUserId",
                table: "Conflicts",
                columns: new[] { "ContestId", "JudgeUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_ContestJudges_ContestId_Email",
                table: "ContestJudges",
                columns: new[] { "ContestId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContestJudges_Token",
                table: "ContestJudges",
                column: "Token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContestJudges_UserId",
                table: "ContestJudges",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAssignments_RoundId_EntryId_JudgeUserId",
                table: "ReviewAssignments",
                columns: new[] { "RoundId", "EntryId", "JudgeUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAssignments_RoundId_JudgeUserId",
                table: "ReviewAssignments",
                columns: new[] { "RoundId", "JudgeUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_RoadshowSessions_RoundId",
                table: "RoadshowSessions",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionSlots_RoundId_EntryId",
                table: "SessionSlots",
                columns: new[] { "RoundId", "EntryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SessionSlots_SessionId",
                table: "SessionSlots",
                column: "SessionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssignmentBlocks");

            migrationBuilder.DropTable(
                name: "Conflicts");

            migrationBuilder.DropTable(
                name: "ContestJudges");

            migrationBuilder.DropTable(
                name: "JudgeProfiles");

            migrationBuilder.DropTable(
                name: "ReviewAssignments");

            migrationBuilder.DropTable(
                name: "SessionJudges");

            migrationBuilder.DropTable(
                name: "SessionSlots");

            migrationBuilder.DropTable(
                name: "RoadshowSessions");
        }
    }
}
