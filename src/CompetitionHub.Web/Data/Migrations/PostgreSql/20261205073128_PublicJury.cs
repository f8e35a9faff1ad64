using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CompetitionHub.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PublicJury : Migration
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
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "MinScoreHundredths",
                table: "Rounds",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PublicJuryWeightPercent",
                table: "Rounds",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "RankByIndustry",
                table: "Rounds",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Industry",
                table: "AdvancementOutcomes",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "PublicVotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    EntryId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CastAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicVotes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TrackAdvancements_RoundId_TrackId_Industry",
                table: "TrackAdvancements",
                columns: new[] { "RoundId", "TrackId", "Industry" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PublicVotes_RoundId_EntryId_UserId",
                table: "PublicVotes",
                columns: new[] { "RoundId", "EntryId", "UserId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublicVotes");

            migrationBuilder.DropIndex(
                name: "IX_TrackAdvancements_RoundId_TrackId_Industry",
                table: "TrackAdvancements");

            migrationBuilder.DropColumn(
                name: "Industry",
                table: "TrackAdvancements");

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
