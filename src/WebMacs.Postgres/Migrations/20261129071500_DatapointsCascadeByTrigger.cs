using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebMacs.Postgres.Migrations
{
    /// <summary>
    /// Hand-written (EF Core cannot express it): replaces the two foreign keys of <c>datapoints</c> by statement-level
    /// triggers. A foreign key checks every inserted row with a query of its own, about half the cost of a 500-row COPY;
    /// the insert trigger checks all rows of an INSERT or COPY in one set-based query instead, and takes the same
    /// <c>FOR KEY SHARE</c> locks on their events and experiments, so a concurrent delete waits for the commit and then
    /// removes the new rows too. The delete triggers cascade as the foreign keys did. The model (and the snapshot) keep
    /// the relationships; only the database enforces them differently.
    /// </summary>
    public partial class DatapointsCascadeByTrigger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(name: "fk_datapoints_events_event_id", table: "datapoints");
            migrationBuilder.DropForeignKey(name: "fk_datapoints_experiments_experiment_id", table: "datapoints");

            // The foreign keys held until now, so no row lacks its event or experiment: nothing to clean up first.
            migrationBuilder.Sql("""
                CREATE FUNCTION webmacs_check_datapoint_references() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    wanted bigint;
                    found bigint;
                BEGIN
                    SELECT count(DISTINCT event_id) INTO wanted FROM new_rows;
                    SELECT count(*) INTO found FROM (SELECT 1 FROM events WHERE id IN (SELECT event_id FROM new_rows) FOR KEY SHARE) locked;
                    IF found <> wanted THEN
                        RAISE EXCEPTION 'insert into datapoints refers to % event(s) that do not exist', wanted - found
                            USING ERRCODE = 'foreign_key_violation', TABLE = 'datapoints', CONSTRAINT = 'fk_datapoints_events_event_id';
                    END IF;

                    SELECT count(DISTINCT experiment_id) INTO wanted FROM new_rows WHERE experiment_id IS NOT NULL;
                    IF wanted > 0 THEN
                        SELECT count(*) INTO found FROM (SELECT 1 FROM experiments WHERE id IN (SELECT experiment_id FROM new_rows) FOR KEY SHARE) locked;
                        IF found <> wanted THEN
                            RAISE EXCEPTION 'insert into datapoints refers to % experiment(s) that do not exist', wanted - found
                                USING ERRCODE = 'foreign_key_violation', TABLE = 'datapoints', CONSTRAINT = 'fk_datapoints_experiments_experiment_id';
                        END IF;
                    END IF;

                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_datapoints_check_references AFTER INSERT ON datapoints
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION webmacs_check_datapoint_references();
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION webmacs_delete_event_datapoints() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM datapoints WHERE event_id IN (SELECT id FROM deleted_rows);
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_events_delete_datapoints AFTER DELETE ON events
                    REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION webmacs_delete_event_datapoints();
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION webmacs_delete_experiment_datapoints() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM datapoints WHERE experiment_id IN (SELECT id FROM deleted_rows);
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_experiments_delete_datapoints AFTER DELETE ON experiments
                    REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION webmacs_delete_experiment_datapoints();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER trg_datapoints_check_references ON datapoints;");
            migrationBuilder.Sql("DROP FUNCTION webmacs_check_datapoint_references();");
            migrationBuilder.Sql("DROP TRIGGER trg_experiments_delete_datapoints ON experiments;");
            migrationBuilder.Sql("DROP FUNCTION webmacs_delete_experiment_datapoints();");
            migrationBuilder.Sql("DROP TRIGGER trg_events_delete_datapoints ON events;");
            migrationBuilder.Sql("DROP FUNCTION webmacs_delete_event_datapoints();");

            migrationBuilder.AddForeignKey(
                name: "fk_datapoints_events_event_id",
                table: "datapoints",
                column: "event_id",
                principalTable: "events",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
            migrationBuilder.AddForeignKey(
                name: "fk_datapoints_experiments_experiment_id",
                table: "datapoints",
                column: "experiment_id",
                principalTable: "experiments",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
