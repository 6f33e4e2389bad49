using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PublicPortal.Web.Data.PostgreSql.Migrations
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Url = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Host = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    Problem = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Failures = table.Column<int>(type: "integer", nullable: false),
                    CheckedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NextCheckAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    BrokenSinceUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExternalLinks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExternalLinkUses",
                columns: table => new
                {
                    ExternalLinkId = table.Column<int>(type: "integer", nullable: false),
                    ContentItemId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
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
