using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class EnquiryReference : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Fingerprint",
                table: "Enquiries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reference",
                table: "Enquiries",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Enquiries_Fingerprint",
                table: "Enquiries",
                column: "Fingerprint");

            migrationBuilder.CreateIndex(
                name: "IX_Enquiries_Reference",
                table: "Enquiries",
                column: "Reference",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Enquiries_Fingerprint",
                table: "Enquiries");

            migrationBuilder.DropIndex(
                name: "IX_Enquiries_Reference",
                table: "Enquiries");

            migrationBuilder.DropColumn(
                name: "Fingerprint",
                table: "Enquiries");

            migrationBuilder.DropColumn(
                name: "Reference",
                table: "Enquiries");
        }
    }
}
