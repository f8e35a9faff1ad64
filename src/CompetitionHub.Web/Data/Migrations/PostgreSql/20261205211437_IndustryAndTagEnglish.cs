using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompetitionHub.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class IndustryAndTagEnglish : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "IndustryFieldsEn",
                table: "Contests",
                type: "text[]",
                nullable: false,
                // Existing contests and events have no English names yet; the other providers get "[]" the same way.
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<List<string>>(
                name: "TagsEn",
                table: "ActivityEvents",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");
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
