using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompetitionHub.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AdvancementAndAwards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AdvancementOutcomes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RoundId = table.Column<int>(type: "int", nullable: false),
                    TrackId = table.Column<int>(type: "int", nullable: false),
                    EntryId = table.Column<int>(type: "int", nullable: false),
                    Rank = table.Column<int>(type: "int", nullable: true),
                    ScoreHundredths = table.Column<int>(type: "int", nullable: true),
                    Advanced = table.Column<bool>(type: "bit", nullable: false),
                    Backfilled = table.Column<bool>(type: "bit", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdvancementOutcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdvancementOutcomes_Entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AwardPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ContestId = table.Column<int>(type: "int", nullable: false),
                    RoundId = table.Column<int>(type: "int", nullable: false),
                    TrackId = table.Column<int>(type: "int", nullable: false),
                    FirstPrizes = table.Column<int>(type: "int", nullable: false),
                    SecondPrizes = table.Column<int>(type: "int", nullable: false),
                    ThirdPrizes = table.Column<int>(type: "int", nullable: false),
                    ExcellencePrizes = table.Column<int>(type: "int", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConfirmedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Awards",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ContestId = table.Column<int>(type: "int", nullable: false),
                    TrackId = table.Column<int>(type: "int", nullable: false),
                    EntryId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Grade = table.Column<string>(type: "nvarchar(12)", maxLength: 12, nullable: true),
                    Honour = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Rank = table.Column<int>(type: "int", nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    AwardedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Awards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Awards_Entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HonourTitles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ContestId = table.Column<int>(type: "int", nullable: false),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HonourTitles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TrackAdvancements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RoundId = table.Column<int>(type: "int", nullable: false),
                    TrackId = table.Column<int>(type: "int", nullable: false),
                    Quota = table.Column<int>(type: "int", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConfirmedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackAdvancements", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdvancementOutcomes_EntryId",
                table: "AdvancementOutcomes",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_AdvancementOutcomes_RoundId_EntryId",
                table: "AdvancementOutcomes",
                columns: new[] { "RoundId", "EntryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AdvancementOutcomes_RoundId_TrackId",
                table: "AdvancementOutcomes",
                columns: new[] { "RoundId", "TrackId" });

            migrationBuilder.CreateIndex(
                name: "IX_AwardPlans_ContestId",
                table: "AwardPlans",
                column: "ContestId");

            migrationBuilder.CreateIndex(
                name: "IX_AwardPlans_RoundId_TrackId",
                table: "AwardPlans",
                columns: new[] { "RoundId", "TrackId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Awards_ContestId_TrackId",
                table: "Awards",
                columns: new[] { "ContestId", "TrackId" });

            migrationBuilder.CreateIndex(
                name: "IX_Awards_EntryId_Honour",
                table: "Awards",
                columns: new[] { "EntryId", "Honour" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HonourTitles_ContestId_Name",
                table: "HonourTitles",
                columns: new[] { "ContestId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrackAdvancements_RoundId_TrackId",
                table: "TrackAdvancements",
                columns: new[] { "RoundId", "TrackId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdvancementOutcomes");

            migrationBuilder.DropTable(
                name: "AwardPlans");

            migrationBuilder.DropTable(
                name: "Awards");

            migrationBuilder.DropTable(
                name: "HonourTitles");

            migrationBuilder.DropTable(
                name: "TrackAdvancements");
        }
    }
}
