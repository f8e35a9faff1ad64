using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompetitionHub.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OrganizerPageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ReviewAssignments_RoundId_Source",
                table: "ReviewAssignments",
                columns: new[] { "RoundId", "Source" });

            migrationBuilder.CreateIndex(
                name: "IX_Entries_ContestId_CreditCode",
                table: "Entries",
                columns: new[] { "ContestId", "CreditCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Entries_ContestId_SubmittedAt_Id",
                table: "Entries",
                columns: new[] { "ContestId", "SubmittedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Entries_ContestId_Title",
                table: "Entries",
                columns: new[] { "ContestId", "Title" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewAssignments_RoundId_Source",
                table: "ReviewAssignments");

            migrationBuilder.DropIndex(
                name: "IX_Entries_ContestId_CreditCode",
                table: "Entries");

            migrationBuilder.DropIndex(
                name: "IX_Entries_ContestId_SubmittedAt_Id",
                table: "Entries");

            migrationBuilder.DropIndex(
                name: "IX_Entries_ContestId_Title",
                table: "Entries");
        }
    }
}
