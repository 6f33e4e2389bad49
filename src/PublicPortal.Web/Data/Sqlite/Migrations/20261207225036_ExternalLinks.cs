using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicPortal.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ExternalLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ExternalLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Failures = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NextCheckAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BrokenSinceUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExternalLinks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExternalLinkUses",
                columns: table => new
                {
                    ExternalLinkId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExternalLinkUses", x => new { x.ExternalLinkId, x.ContentItemId });
                    table.ForeignKey(
                        name: "FK_ExternalLinkUses_ContentItems_ContentItemId",
                        column: x => x.ContentItemId,
                        principalTable: "ContentItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ExternalLinkUses_ExternalLinks_ExternalLinkId",
                        column: x => x.ExternalLinkId,
                        principalTable: "ExternalLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExternalLinks_NextCheckAtUtc",
                table: "ExternalLinks",
                column: "NextCheckAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ExternalLinks_State",
                table: "ExternalLinks",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_ExternalLinks_Url",
                table: "ExternalLinks",
                column: "Url",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExternalLinkUses_ContentItemId",
                table: "ExternalLinkUses",
                column: "ContentItemId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExternalLinkUses");

            migrationBuilder.DropTable(
                name: "ExternalLinks");
        }
    }
}
