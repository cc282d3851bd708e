namespace WebMacs.Testing.Postgres;

/// <summary>Keeps one <see cref="PostgresBackend"/> per process, shared by every <see cref="PostgresServer"/> and counted by reference.</summary>
internal static class SharedPostgresBackend
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresBackend? current;
    private static int references;

    /// <summary>Returns the process-wide backend, starting it for the first user.</summary>
    public static async Task<PostgresBackend> AcquireAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (current is null)
            {
                current = await PostgresBackend.StartAsync(cancellationToken);
                await Console.Error.WriteLineAsync($"[WebMacs.Testing] PostgreSQL for tests: {current.Description}");
            }

            references++;
            return current;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Gives back a backend obtained from <see cref="AcquireAsync"/>, stopping it with its last user.</summary>
    public static async Task ReleaseAsync(PostgresBackend backend)
    {
        await Gate.WaitAsync();
        try
        {
            if (!ReferenceEquals(backend, current) || --references > 0)
            {
                return;
            }

            current = null;
            await backend.DisposeAsync();
        }
        finally
        {
            Gate.Release();
        }
    }
}
