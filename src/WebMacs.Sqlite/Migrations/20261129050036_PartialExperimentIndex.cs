using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebMacs.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PartialExperimentIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_datapoints_experiment_id_timestamp",
                table: "datapoints");

            migrationBuilder.CreateIndex(
                name: "ix_datapoints_experiment_id_timestamp",
                table: "datapoints",
                columns: new[] { "experiment_id", "timestamp" },
                filter: "experiment_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_datapoints_experiment_id_timestamp",
                table: "datapoints");

            migrationBuilder.CreateIndex(
                name: "ix_datapoints_experiment_id_timestamp",
                table: "datapoints",
                columns: new[] { "experiment_id", "timestamp" });
        }
    }
}
