using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompetitionHub.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TieBreakersAndJudgeGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TrimFallback",
                table: "Rounds",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Mean");

            migrationBuilder.CreateTable(
                name: "JudgeGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    WeightPercent = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JudgeGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JudgeGroups_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PanelDecisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    ScoreHundredths = table.Column<int>(type: "INTEGER", nullable: false),
                    EntryIds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DecidedOrder = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelDecisions_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JudgeGroupMembers",
                columns: table => new
                {
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    JudgeUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    JudgeGroupId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JudgeGroupMembers", x => new { x.RoundId, x.JudgeUserId });
                    table.ForeignKey(
                        name: "FK_JudgeGroupMembers_JudgeGroups_JudgeGroupId",
                        column: x => x.JudgeGroupId,
                        principalTable: "JudgeGroups",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_JudgeGroupMembers_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JudgeGroupMembers_JudgeGroupId",
                table: "JudgeGroupMembers",
                column: "JudgeGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_JudgeGroups_RoundId_Sequence",
                table: "JudgeGroups",
                columns: new[] { "RoundId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PanelDecisions_RoundId",
                table: "PanelDecisions",
                column: "RoundId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JudgeGroupMembers");

            migrationBuilder.DropTable(
                name: "PanelDecisions");

            migrationBuilder.DropTable(
                name: "JudgeGroups");

            migrationBuilder.DropColumn(
                name: "TrimFallback",
                table: "Rounds");
        }
    }
}
