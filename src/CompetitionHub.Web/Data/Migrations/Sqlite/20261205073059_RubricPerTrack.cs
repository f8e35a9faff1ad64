using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompetitionHub.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RubricPerTrack : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TrackId",
                table: "RubricCriteria",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_RubricCriteria_TrackId",
                table: "RubricCriteria",
                column: "TrackId");

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

            migrationBuilder.DropIndex(
                name: "IX_RubricCriteria_TrackId",
                table: "RubricCriteria");

            migrationBuilder.DropColumn(
                name: "TrackId",
                table: "RubricCriteria");
        }
    }
}
