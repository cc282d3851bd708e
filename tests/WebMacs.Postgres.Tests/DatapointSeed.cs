using Npgsql;

namespace WebMacs.Postgres.Tests;

/// <summary>Seeds a migrated database with what datapoints refer to: one user, its events and one experiment.</summary>
internal static class DatapointSeed
{
    public static async Task<(int[] Events, int ExperimentId)> SeedAsync(string connectionString, string name, int eventCount, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"""
            INSERT INTO users (public_id, email, username, password_hash, role, registered_on)
                VALUES (gen_random_uuid(), '{name}@webmacs.test', '{name}', 'x', 'admin', now())
            """, cancellationToken);
        var events = new int[eventCount];
        for (var i = 0; i < eventCount; i++)
        {
            events[i] = (int)(await ScalarAsync(connection, $"""
                INSERT INTO events (public_id, name, min_value, max_value, unit, type, user_id)
                    SELECT gen_random_uuid(), '{name}-event-{i}', 0, 100, 'V', 'sensor', id FROM users WHERE username = '{name}' RETURNING id
                """, cancellationToken))!;
        }

        var experimentId = (int)(await ScalarAsync(connection, $"""
            INSERT INTO experiments (public_id, name, started_on, user_id)
                SELECT gen_random_uuid(), '{name}-experiment', now(), id FROM users WHERE username = '{name}' RETURNING id
            """, cancellationToken))!;
        return (events, experimentId);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
