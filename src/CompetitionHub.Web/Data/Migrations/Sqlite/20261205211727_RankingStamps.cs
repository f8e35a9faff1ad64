using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompetitionHub.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RankingStamps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RankingStamps",
                columns: table => new
                {
                    ContestId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RankingStamps", x => x.ContestId);
                    table.ForeignKey(
                        name: "FK_RankingStamps_Contests_ContestId",
                        column: x => x.ContestId,
                        principalTable: "Contests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Every contest has a stamp, so a change to its ranking inputs replaces it with a plain UPDATE.
            migrationBuilder.Sql("""
                INSERT INTO "RankingStamps" ("ContestId", "Stamp") SELECT "Id", '00000000-0000-0000-0000-000000000000' FROM "Contests";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RankingStamps");
        }
    }
}
