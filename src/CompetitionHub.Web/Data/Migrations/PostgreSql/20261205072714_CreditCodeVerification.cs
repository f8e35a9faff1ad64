using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompetitionHub.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CreditCodeVerification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreditCodeVerification",
                table: "Entries",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "NotNeeded");

            migrationBuilder.AddColumn<string>(
                name: "CreditCodeVerificationReason",
                table: "Entries",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CreditCodeVerifiedAt",
                table: "Entries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegistrationDistrict",
                table: "Entries",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegistrationProvince",
                table: "Entries",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CreditCodeVerification",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "CreditCodeVerificationReason",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "CreditCodeVerifiedAt",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "RegistrationDistrict",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "RegistrationProvince",
                table: "Entries");
        }
    }
}
