using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompetitionHub.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResultsPublication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Objections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContestId = table.Column<int>(type: "INTEGER", nullable: false),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    VersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    EntryId = table.Column<int>(type: "INTEGER", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    FiledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EvidenceFileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EvidenceStoredName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EvidenceContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EvidenceSizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    EvidenceSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Objections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RankingVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContestId = table.Column<int>(type: "INTEGER", nullable: false),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AnnouncementEndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AnnouncementDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    FinalizedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinalizedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RankingVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PublishedRanks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    TrackId = table.Column<int>(type: "INTEGER", nullable: false),
                    TrackName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TrackNameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TrackOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    EntryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    Tied = table.Column<bool>(type: "INTEGER", nullable: false),
                    ScoreHundredths = table.Column<int>(type: "INTEGER", nullable: false),
                    JudgeCount = table.Column<int>(type: "INTEGER", nullable: false),
                    EntryTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TeamName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CompanyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedRanks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublishedRanks_RankingVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "RankingVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Objections_RoundId_Status",
                table: "Objections",
                columns: new[] { "RoundId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Objections_UserId",
                table: "Objections",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Objections_VersionId",
                table: "Objections",
                column: "VersionId");

            migrationBuilder.CreateIndex(
                name: "IX_PublishedRanks_VersionId_TrackId_Rank",
                table: "PublishedRanks",
                columns: new[] { "VersionId", "TrackId", "Rank" });

            migrationBuilder.CreateIndex(
                name: "IX_RankingVersions_ContestId",
                table: "RankingVersions",
                column: "ContestId");

            migrationBuilder.CreateIndex(
                name: "IX_RankingVersions_RoundId_Number",
                table: "RankingVersions",
                columns: new[] { "RoundId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Objections");

            migrationBuilder.DropTable(
                name: "PublishedRanks");

            migrationBuilder.DropTable(
                name: "RankingVersions");
        }
    }
}
