using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebMacs.Postgres.Migrations
{
    /// <summary>
    /// Hand-written (EF Core cannot express it): the insert check of <c>datapoints</c> no longer locks every referenced
    /// event and experiment row (<c>FOR KEY SHARE</c> writes each of those rows, about a fifth of a 500-row COPY).
    /// Writers and deleters meet on one transaction-scoped advisory lock instead: every INSERT or COPY into
    /// <c>datapoints</c> takes it shared, then checks its events and experiments; every DELETE on <c>events</c> or
    /// <c>experiments</c> takes it exclusively, then removes their datapoints. So a delete waits for the writers that
    /// already checked and then removes their rows too, and a writer that comes after it waits for its commit and then
    /// finds the rows gone — the same outcomes as the foreign keys, without a write per referenced row.
    /// </summary>
    public partial class DatapointsReferenceLock : Migration
    {
        /// <summary>The advisory lock key shared by the triggers (any constant; <c>hashtextextended('webmacs.datapoints', 0)</c>).</summary>
        private const long LockKey = 2633759051223223810;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($$"""
                CREATE OR REPLACE FUNCTION webmacs_check_datapoint_references() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    missing_events bigint;
                    missing_experiments bigint;
                BEGIN
                    -- Its own statement: the check below then takes its snapshot after the lock, so it sees a delete
                    -- that committed while this writer waited.
                    PERFORM pg_advisory_xact_lock_shared({{LockKey}});
                    SELECT count(DISTINCT n.event_id) FILTER (WHERE e.id IS NULL),
                           count(DISTINCT n.experiment_id) FILTER (WHERE n.experiment_id IS NOT NULL AND x.id IS NULL)
                        INTO missing_events, missing_experiments
                        FROM new_rows n
                        LEFT JOIN events e ON e.id = n.event_id
                        LEFT JOIN experiments x ON x.id = n.experiment_id;
                    IF missing_events > 0 THEN
                        RAISE EXCEPTION 'insert into datapoints refers to % event(s) that do not exist', missing_events
                            USING ERRCODE = 'foreign_key_violation', TABLE = 'datapoints', CONSTRAINT = 'fk_datapoints_events_event_id';
                    END IF;

                    IF missing_experiments > 0 THEN
                        RAISE EXCEPTION 'insert into datapoints refers to % experiment(s) that do not exist', missing_experiments
                            USING ERRCODE = 'foreign_key_violation', TABLE = 'datapoints', CONSTRAINT = 'fk_datapoints_experiments_experiment_id';
                    END IF;

                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql($$"""
                CREATE OR REPLACE FUNCTION webmacs_delete_event_datapoints() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock({{LockKey}});
                    DELETE FROM datapoints WHERE event_id IN (SELECT id FROM deleted_rows);
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql($$"""
                CREATE OR REPLACE FUNCTION webmacs_delete_experiment_datapoints() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock({{LockKey}});
                    DELETE FROM datapoints WHERE experiment_id IN (SELECT id FROM deleted_rows);
                    RETURN NULL;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION webmacs_check_datapoint_references() RETURNS trigger LANGUAGE plpgsql AS $$
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
                CREATE OR REPLACE FUNCTION webmacs_delete_event_datapoints() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM datapoints WHERE event_id IN (SELECT id FROM deleted_rows);
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION webmacs_delete_experiment_datapoints() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM datapoints WHERE experiment_id IN (SELECT id FROM deleted_rows);
                    RETURN NULL;
                END $$;
                """);
        }
    }
}
