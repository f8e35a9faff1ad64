using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompetitionHub.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RankingSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EarlierRoundWeights",
                table: "Rounds",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "MissingEarlierScore",
                table: "Rounds",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Reweight");

            migrationBuilder.AddColumn<string>(
                name: "TieBreakers",
                table: "Rounds",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "TrimCount",
                table: "Rounds",
                type: "int",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "TieDraws",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RoundId = table.Column<int>(type: "int", nullable: false),
                    ScoreHundredths = table.Column<int>(type: "int", nullable: false),
                    EntryIds = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    Seed = table.Column<int>(type: "int", nullable: false),
                    DrawnOrder = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    DrawnAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DrawnByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TieDraws", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TieDraws_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TieDraws_RoundId",
                table: "TieDraws",
                column: "RoundId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TieDraws");

            migrationBuilder.DropColumn(
                name: "EarlierRoundWeights",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "MissingEarlierScore",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "TieBreakers",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "TrimCount",
                table: "Rounds");
        }
    }
}
