using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TrafficDetail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ItemDailyViews",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Views = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ItemDailyViews", x => new { x.Kind, x.Slug, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "ReferrerDaily",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Visits = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferrerDaily", x => new { x.Day, x.Domain });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ItemDailyViews_Day",
                table: "ItemDailyViews",
                column: "Day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ItemDailyViews");

            migrationBuilder.DropTable(
                name: "ReferrerDaily");
        }
    }
}
