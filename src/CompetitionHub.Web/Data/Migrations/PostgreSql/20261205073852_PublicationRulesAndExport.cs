using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CompetitionHub.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PublicationRulesAndExport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ScoringOpenedAt",
                table: "Rounds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Draws",
                table: "RankingVersions",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "RuleChangeCount",
                table: "RankingVersions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Rules",
                table: "RankingVersions",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "PublishedRanks",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "DroppedCount",
                table: "PublishedRanks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "EntrySubmittedAt",
                table: "PublishedRanks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PanelSize",
                table: "PublishedRanks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Parts",
                table: "PublishedRanks",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "ScoreTied",
                table: "PublishedRanks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "PublishedSheets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VersionId = table.Column<int>(type: "integer", nullable: false),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    EntryId = table.Column<int>(type: "integer", nullable: false),
                    Seat = table.Column<int>(type: "integer", nullable: false),
                    TotalHundredths = table.Column<int>(type: "integer", nullable: false),
                    Points = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContestId = table.Column<int>(type: "integer", nullable: false),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChangedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ChangedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RulesBefore = table.Column<string>(type: "text", nullable: false),
                    RulesAfter = table.Column<string>(type: "text", nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_PublishedSheets_VersionId_RoundId_EntryId_Seat",
                table: "PublishedSheets",
                columns: new[] { "VersionId", "RoundId", "EntryId", "Seat" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RoundRuleChanges_RoundId",
                table: "RoundRuleChanges",
                column: "RoundId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublishedSheets");

            migrationBuilder.DropTable(
                name: "RoundRuleChanges");

            migrationBuilder.DropColumn(
                name: "ScoringOpenedAt",
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
        }
    }
}
