using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicPortal.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ChangeFeedAndViewCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChangeRecords",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ContentItemId = table.Column<int>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    OldSlug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Change = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Touches = table.Column<string>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeRecords", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "ItemViewCounts",
                columns: table => new
                {
                    ContentItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Views = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ItemViewCounts", x => x.ContentItemId);
                    table.ForeignKey(
                        name: "FK_ItemViewCounts_ContentItems_ContentItemId",
                        column: x => x.ContentItemId,
                        principalTable: "ContentItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Counts move to their own table before the column goes: nothing counted is lost.
            migrationBuilder.Sql("""INSERT INTO "ItemViewCounts" ("ContentItemId", "Views") SELECT "Id", "ViewCount" FROM "ContentItems" WHERE "ViewCount" > 0;""");

            migrationBuilder.DropColumn(
                name: "ViewCount",
                table: "ContentItems");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRecords_ContentItemId_AtUtc",
                table: "ChangeRecords",
                columns: new[] { "ContentItemId", "AtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChangeRecords");

            migrationBuilder.DropTable(
                name: "ItemViewCounts");

            migrationBuilder.AddColumn<long>(
                name: "ViewCount",
                table: "ContentItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }
    }
}
