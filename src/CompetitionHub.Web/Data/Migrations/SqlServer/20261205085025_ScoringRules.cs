using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompetitionHub.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ScoringRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TrackAdvancements_RoundId_TrackId",
                table: "TrackAdvancements");

            migrationBuilder.AddColumn<string>(
                name: "Industry",
                table: "TrackAdvancements",
                type: "nvarchar(50)",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "TrackId",
                table: "RubricCriteria",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinScoreHundredths",
                table: "Rounds",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PublicJuryWeightPercent",
                table: "Rounds",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "RankByIndustry",
                table: "Rounds",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "ScoringOpenedAt",
                table: "Rounds",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TrimFallback",
                table: "Rounds",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Mean");

            migrationBuilder.AddColumn<string>(
                name: "Draws",
                table: "RankingVersions",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "RuleChangeCount",
                table: "RankingVersions",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Rules",
                table: "RankingVersions",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "PublishedRanks",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "DroppedCount",
                table: "PublishedRanks",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "EntrySubmittedAt",
                table: "PublishedRanks",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PanelSize",
                table: "PublishedRanks",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Parts",
                table: "PublishedRanks",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "ScoreTied",
                table: "PublishedRanks",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "CreditCodeVerification",
                table: "Entries",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "NotNeeded");

            migrationBuilder.AddColumn<string>(
                name: "CreditCodeVerificationReason",
                table: "Entries",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CreditCodeVerifiedAt",
                table: "Entries",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegistrationDistrict",
                table: "Entries",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegistrationProvince",
                table: "Entries",
                type: "nvarchar(2)",
                maxLength: 2,
                nullable: true);

            // Entries saved before the applicant stated a registration place were admitted on the code's region
            // digits: they start from that province, which the applicant or the organizer can correct.
            migrationBuilder.Sql("UPDATE [Entries] SET [RegistrationProvince] = SUBSTRING([CreditCode], 3, 2) WHERE [CreditCode] IS NOT NULL AND LEN([CreditCode]) = 18 AND SUBSTRING([CreditCode], 3, 2) IN ('11','12','13','14','15','21','22','23','31','32','33','34','35','36','37','41','42','43','44','45','46','50','51','52','53','54','61','62','63','64','65');");

            migrationBuilder.AddColumn<string>(
                name: "Industry",
                table: "AdvancementOutcomes",
                type: "nvarchar(50)",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "JudgeGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RoundId = table.Column<int>(type: "int", nullable: false),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    NameEn = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    WeightPercent = table.Column<int>(type: "int", nullable: false)
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RoundId = table.Column<int>(type: "int", nullable: false),
                    ScoreHundredths = table.Column<int>(type: "int", nullable: false),
                    EntryIds = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    DecidedOrder = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DecidedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false)
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
                name: "PublicVotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RoundId = table.Column<int>(type: "int", nullable: false),
                    SessionId = table.Column<int>(type: "int", nullable: false),
                    EntryId = table.Column<int>(type: "int", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CastAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicVotes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PublishedSheets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    VersionId = table.Column<int>(type: "int", nullable: false),
                    RoundId = table.Column<int>(type: "int", nullable: false),
                    EntryId = table.Column<int>(type: "int", nullable: false),
                    Seat = table.Column<int>(type: "int", nullable: false),
                    TotalHundredths = table.Column<int>(type: "int", nullable: false),
                    Points = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedSheets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublishedSheets_RankingVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "RankingVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RoundRuleChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ContestId = table.Column<int>(type: "int", nullable: false),
                    RoundId = table.Column<int>(type: "int", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ChangedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    ChangedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    RulesBefore = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    RulesAfter = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoundRuleChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoundRuleChanges_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JudgeGroupMembers",
                columns: table => new
                {
                    RoundId = table.Column<int>(type: "int", nullable: false),
                    JudgeUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    JudgeGroupId = table.Column<int>(type: "int", nullable: false)
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
                name: "IX_TrackAdvancements_RoundId_TrackId_Industry",
                table: "TrackAdvancements",
                columns: new[] { "RoundId", "TrackId", "Industry" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RubricCriteria_TrackId",
                table: "RubricCriteria",
                column: "TrackId");

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

            migrationBuilder.CreateIndex(
                name: "IX_PublicVotes_RoundId_EntryId_UserId",
                table: "PublicVotes",
                columns: new[] { "RoundId", "EntryId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PublishedSheets_VersionId_RoundId_EntryId_Seat",
                table: "PublishedSheets",
                columns: new[] { "VersionId", "RoundId", "EntryId", "Seat" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RoundRuleChanges_RoundId",
                table: "RoundRuleChanges",
                column: "RoundId");

            migrationBuilder.AddForeignKey(
                name: "FK_RubricCriteria_ContestTracks_TrackId",
                table: "RubricCriteria",
                column: "TrackId",
                principalTable: "ContestTracks",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_RubricCriteria_ContestTracks_TrackId",
                table: "RubricCriteria");

            migrationBuilder.DropTable(
                name: "JudgeGroupMembers");

            migrationBuilder.DropTable(
                name: "PanelDecisions");

            migrationBuilder.DropTable(
                name: "PublicVotes");

            migrationBuilder.DropTable(
                name: "PublishedSheets");

            migrationBuilder.DropTable(
                name: "RoundRuleChanges");

            migrationBuilder.DropTable(
                name: "JudgeGroups");

            migrationBuilder.DropIndex(
                name: "IX_TrackAdvancements_RoundId_TrackId_Industry",
                table: "TrackAdvancements");

            migrationBuilder.DropIndex(
                name: "IX_RubricCriteria_TrackId",
                table: "RubricCriteria");

            migrationBuilder.DropColumn(
                name: "Industry",
                table: "TrackAdvancements");

            migrationBuilder.DropColumn(
                name: "TrackId",
                table: "RubricCriteria");

            migrationBuilder.DropColumn(
                name: "MinScoreHundredths",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "PublicJuryWeightPercent",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "RankByIndustry",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "ScoringOpenedAt",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "TrimFallback",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "Draws",
                table: "RankingVersions");

            migrationBuilder.DropColumn(
                name: "RuleChangeCount",
                table: "RankingVersions");

            migrationBuilder.DropColumn(
                name: "Rules",
                table: "RankingVersions");

            migrationBuilder.DropColumn(
                name: "DecidedBy",
                table: "PublishedRanks");

            migrationBuilder.DropColumn(
                name: "DroppedCount",
                table: "PublishedRanks");

            migrationBuilder.DropColumn(
                name: "EntrySubmittedAt",
                table: "PublishedRanks");

            migrationBuilder.DropColumn(
                name: "PanelSize",
                table: "PublishedRanks");

            migrationBuilder.DropColumn(
                name: "Parts",
                table: "PublishedRanks");

            migrationBuilder.DropColumn(
                name: "ScoreTied",
                table: "PublishedRanks");

            migrationBuilder.DropColumn(
                name: "CreditCodeVerification",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "CreditCodeVerificationReason",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "CreditCodeVerifiedAt",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "RegistrationDistrict",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "RegistrationProvince",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "Industry",
                table: "AdvancementOutcomes");

            migrationBuilder.CreateIndex(
                name: "IX_TrackAdvancements_RoundId_TrackId",
                table: "TrackAdvancements",
                columns: new[] { "RoundId", "TrackId" },
                unique: true);
        }
    }
}
