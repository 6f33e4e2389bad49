using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicPortal.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PageFeedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PageFeedback",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Path = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Useful = table.Column<bool>(type: "INTEGER", nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1200, nullable: true),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Handled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PageFeedback", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PageFeedback_CreatedAtUtc",
                table: "PageFeedback",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_PageFeedback_Fingerprint",
                table: "PageFeedback",
                column: "Fingerprint");

            migrationBuilder.CreateIndex(
                name: "IX_PageFeedback_Handled_CreatedAtUtc",
                table: "PageFeedback",
                columns: new[] { "Handled", "CreatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PageFeedback");
        }
    }
}
