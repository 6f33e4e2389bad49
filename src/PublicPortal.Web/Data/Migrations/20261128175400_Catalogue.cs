using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Catalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Craft",
                table: "ContentItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Locality",
                table: "ContentItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Photos",
                table: "ContentItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Product",
                table: "ContentItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Route",
                table: "ContentItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Sight",
                table: "ContentItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Village",
                table: "ContentItems",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Craft",
                table: "ContentItems");

            migrationBuilder.DropColumn(
                name: "Locality",
                table: "ContentItems");

            migrationBuilder.DropColumn(
                name: "Photos",
                table: "ContentItems");

            migrationBuilder.DropColumn(
                name: "Product",
                table: "ContentItems");

            migrationBuilder.DropColumn(
                name: "Route",
                table: "ContentItems");

            migrationBuilder.DropColumn(
                name: "Sight",
                table: "ContentItems");

            migrationBuilder.DropColumn(
                name: "Village",
                table: "ContentItems");
        }
    }
}
