using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompetitionHub.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScoreSheetsByJudge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ScoreSheets_RoundId_JudgeUserId_Status",
                table: "ScoreSheets",
                columns: new[] { "RoundId", "JudgeUserId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ScoreSheets_RoundId_JudgeUserId_Status",
                table: "ScoreSheets");
        }
    }
}
