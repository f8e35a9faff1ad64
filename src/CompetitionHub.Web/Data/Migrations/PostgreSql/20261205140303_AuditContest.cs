using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompetitionHub.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AuditContest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ContestId",
                table: "AuditEntries",
                type: "integer",
                nullable: true);

            // Rows written before they named their contest get it from the record they are about, keyed as the code
            // writes it (an id, or "round/…"); a previous winner names a brand of several editions and keeps none.
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"ContestId\" = (SELECT c.\"Id\" FROM \"Contests\" c WHERE CAST(c.\"Id\" AS varchar(50)) = \"AuditEntries\".\"EntityId\") WHERE \"EntityType\" IN ('Contest', 'ContestOrganizer', 'HonourTitles');");
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"ContestId\" = (SELECT t.\"ContestId\" FROM \"ContestTracks\" t WHERE CAST(t.\"Id\" AS varchar(50)) = \"AuditEntries\".\"EntityId\") WHERE \"EntityType\" IN ('ContestTrack');");
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"ContestId\" = (SELECT r.\"ContestId\" FROM \"Rounds\" r WHERE CAST(r.\"Id\" AS varchar(50)) = \"AuditEntries\".\"EntityId\") WHERE \"EntityType\" IN ('Round', 'RoundResult');");
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"ContestId\" = (SELECT e.\"ContestId\" FROM \"Entries\" e WHERE CAST(e.\"Id\" AS varchar(50)) = \"AuditEntries\".\"EntityId\") WHERE \"EntityType\" IN ('Entry', 'EntryVisibility', 'Award');");
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"ContestId\" = (SELECT r.\"ContestId\" FROM \"Rounds\" r WHERE \"AuditEntries\".\"EntityId\" LIKE CAST(r.\"Id\" AS varchar(50)) || '/%') WHERE \"EntityType\" IN ('ScoreSheet', 'EntryScore', 'AwardPlan', 'TrackAdvancement');");
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"ContestId\" = (SELECT r.\"ContestId\" FROM \"ScoreCorrections\" c JOIN \"ScoreSheets\" s ON s.\"Id\" = c.\"SheetId\" JOIN \"Rounds\" r ON r.\"Id\" = s.\"RoundId\" WHERE CAST(c.\"Id\" AS varchar(50)) = \"AuditEntries\".\"EntityId\") WHERE \"EntityType\" IN ('ScoreCorrection');");
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"ContestId\" = (SELECT o.\"ContestId\" FROM \"Objections\" o WHERE CAST(o.\"Id\" AS varchar(50)) = \"AuditEntries\".\"EntityId\") WHERE \"EntityType\" IN ('Objection');");
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"ContestId\" = (SELECT j.\"ContestId\" FROM \"ContestJudges\" j WHERE CAST(j.\"Id\" AS varchar(50)) = \"AuditEntries\".\"EntityId\") WHERE \"EntityType\" IN ('ContestJudge');");
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"ContestId\" = (SELECT c.\"ContestId\" FROM \"Conflicts\" c WHERE CAST(c.\"Id\" AS varchar(50)) = \"AuditEntries\".\"EntityId\") WHERE \"EntityType\" IN ('Conflict');");
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"ContestId\" = (SELECT r.\"ContestId\" FROM \"RoadshowSessions\" s JOIN \"Rounds\" r ON r.\"Id\" = s.\"RoundId\" WHERE CAST(s.\"Id\" AS varchar(50)) = \"AuditEntries\".\"EntityId\") WHERE \"EntityType\" IN ('RoadshowSession', 'StageState');");
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"ContestId\" = (SELECT r.\"ContestId\" FROM \"TieDraws\" d JOIN \"Rounds\" r ON r.\"Id\" = d.\"RoundId\" WHERE CAST(d.\"Id\" AS varchar(50)) = \"AuditEntries\".\"EntityId\") WHERE \"EntityType\" IN ('TieDraw');");
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"ContestId\" = (SELECT r.\"ContestId\" FROM \"PanelDecisions\" d JOIN \"Rounds\" r ON r.\"Id\" = d.\"RoundId\" WHERE CAST(d.\"Id\" AS varchar(50)) = \"AuditEntries\".\"EntityId\") WHERE \"EntityType\" IN ('PanelDecision');");
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"ContestId\" = (SELECT e.\"ContestId\" FROM \"ActivityEvents\" e WHERE CAST(e.\"Id\" AS varchar(50)) = \"AuditEntries\".\"EntityId\") WHERE \"EntityType\" IN ('ActivityEvent');");
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"ContestId\" = (SELECT e.\"ContestId\" FROM \"MeetingRequests\" m JOIN \"ActivityEvents\" e ON e.\"Id\" = m.\"EventId\" WHERE CAST(m.\"Id\" AS varchar(50)) = \"AuditEntries\".\"EntityId\") WHERE \"EntityType\" IN ('MeetingRequest');");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ContestId_At_Id",
                table: "AuditEntries",
                columns: new[] { "ContestId", "At", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ContestId_At_Id",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ContestId",
                table: "AuditEntries");
        }
    }
}
