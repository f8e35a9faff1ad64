using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompetitionHub.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IndustryAndTagEnglish : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IndustryFieldsEn",
                table: "Contests",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "TagsEn",
                table: "ActivityEvents",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IndustryFieldsEn",
                table: "Contests");

            migrationBuilder.DropColumn(
                name: "TagsEn",
                table: "ActivityEvents");
        }
    }
}
