using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebMacs.Sqlite.Migrations
{
    /// <inheritdoc />
    internal partial class TelemetrySources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "telemetry_sources",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    last_seq = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_on = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_telemetry_sources", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_telemetry_sources_source",
                table: "telemetry_sources",
                column: "source",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "telemetry_sources");
        }
    }
}
