using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace WebMacs.Testing.Postgres;

/// <summary>Runs a throwaway PostgreSQL cluster from local server binaries (<c>initdb</c> + <c>pg_ctl</c>).</summary>
/// <remarks>As root, the tools run as the <c>postgres</c> OS user, which owns the cluster directory.
/// The cluster listens on a free port on 127.0.0.1 with trust authentication for the superuser <c>postgres</c>.</remarks>
internal sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly PostgresBinaries binaries;
    private readonly string? runAsUser;
    private int stopped;

    private LocalPostgresCluster(PostgresBinaries binaries, string rootDirectory, string? runAsUser)
    {
        this.binaries = binaries;
        this.runAsUser = runAsUser;
        RootDirectory = rootDirectory;
    }

    /// <summary>Gets the temporary directory holding the data directory, the socket and the server log.</summary>
    public string RootDirectory { get; }

    /// <summary>Gets the cluster's data directory.</summary>
    public string DataDirectory => Path.Combine(RootDirectory, "data");

    /// <summary>Gets the TCP port the server listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>Gets the server version as reported by <c>SHOW server_version</c>.</summary>
    public string ServerVersion { get; private set; } = "?";

    /// <summary>Gets the superuser connection string to the <c>postgres</c> database.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ServiceUser,
        Database = "postgres",
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>Gets a one-line description for logs.</summary>
    public string Description =>
        $"throwaway cluster, PostgreSQL {ServerVersion} from {Path.GetDirectoryName(binaries.PgCtl)}, 127.0.0.1:{Port}, data in {DataDirectory}"
        + (runAsUser is null ? string.Empty : $", run as OS user '{runAsUser}'");

    private string LogFile => Path.Combine(RootDirectory, "postgres.log");

    /// <summary>Creates, starts and waits for a new cluster.</summary>
    /// <exception cref="InvalidOperationException">A tool failed or the server did not accept connections;
    /// the message holds the tools' output and the server log.</exception>
    public static async Task<LocalPostgresCluster> StartAsync(PostgresBinaries binaries, CancellationToken cancellationToken)
    {
        var runAsUser = OsUser.IsRoot ? ServiceUser : null;
        var root = Path.Combine(
            OperatingSystem.IsWindows() ? Path.GetTempPath() : "/tmp",
            "webmacs-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var cluster = new LocalPostgresCluster(binaries, root, runAsUser);
        try
        {
            await cluster.InitializeAndStartAsync(cancellationToken);
        }
        catch (Exception)
        {
            await cluster.CleanUpAfterFailedStartAsync();
            throw;
        }

        AppDomain.CurrentDomain.ProcessExit += cluster.OnProcessExit;
        return cluster;
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m immediate</c>) and deletes its directory.</summary>
    /// <exception cref="InvalidOperationException"><c>pg_ctl stop</c> failed; the directory is deleted all the same.</exception>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        var stop = await StopServerAsync(ToolTimeout);
        DeleteRootDirectory();
        stop.EnsureSuccess($"Stopping the throwaway PostgreSQL cluster in {RootDirectory}");
    }

    private async Task InitializeAndStartAsync(CancellationToken cancellationToken)
    {
        if (runAsUser is not null)
        {
            var chown = Executables.Find("chown", "/usr/bin", "/bin")
                ?? throw new InvalidOperationException("Running as root, but 'chown' was not found to hand the cluster directory to the postgres user.");
            (await ProcessRunner.RunAsync(chown, ["-R", $"{runAsUser}:{runAsUser}", RootDirectory], ToolTimeout, cancellationToken: cancellationToken))
                .EnsureSuccess($"Handing {RootDirectory} to the '{runAsUser}' OS user");
        }

        (await RunToolAsync(binaries.InitDb, ["-D", DataDirectory, "-U", ServiceUser, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], cancellationToken))
            .EnsureSuccess(WithUserHint("initdb"));

        Port = FindFreePort();
        var serverOptions = string.Join(
            ' ',
            "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-k", RootDirectory,
            "-c listen_addresses=127.0.0.1",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            "-c max_connections=200");
        var start = await RunToolAsync(
            binaries.PgCtl,
            ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", serverOptions],
            cancellationToken);
        if (start.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{WithUserHint("pg_ctl start")} failed.{Environment.NewLine}{start.Describe()}{ServerLog()}");
        }

        await WaitUntilReadyAsync(cancellationToken);
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + ReadyTimeout;
        Exception? lastError = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                await using var connection = new NpgsqlConnection(
                    new NpgsqlConnectionStringBuilder(ConnectionString) { Timeout = 5, Pooling = false }.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SHOW server_version", connection);
                ServerVersion = (string?)await command.ExecuteScalarAsync(cancellationToken) ?? "?";
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
            {
                lastError = ex;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        throw new InvalidOperationException(
            $"The throwaway PostgreSQL cluster on 127.0.0.1:{Port} did not accept connections within {ReadyTimeout.TotalSeconds:0} s: {lastError?.Message}{ServerLog()}",
            lastError);
    }

    private Task<ProcessResult> RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(tool, arguments, ToolTimeout, RootDirectory, runAsUser, cancellationToken);

    private Task<ProcessResult> StopServerAsync(TimeSpan timeout) =>
        ProcessRunner.RunAsync(binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", "immediate", "-w"], timeout, RootDirectory, runAsUser);

    private async Task CleanUpAfterFailedStartAsync()
    {
        Interlocked.Exchange(ref stopped, 1);
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                var stop = await StopServerAsync(TimeSpan.FromSeconds(30));
                if (stop.ExitCode != 0)
                {
                    await Console.Error.WriteLineAsync($"[WebMacs.Testing] Could not stop the failed cluster:{Environment.NewLine}{stop.Describe()}");
                }
            }

            DeleteRootDirectory();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"[WebMacs.Testing] Cleaning up the failed cluster in {RootDirectory} failed: {ex}");
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        try
        {
            var stop = StopServerAsync(TimeSpan.FromSeconds(15)).GetAwaiter().GetResult();
            DeleteRootDirectory();
            Console.Error.WriteLine($"[WebMacs.Testing] Stopped the throwaway PostgreSQL cluster at process exit (fixture was not disposed); pg_ctl exit code {stop.ExitCode}.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine($"[WebMacs.Testing] Stopping the throwaway PostgreSQL cluster at process exit failed: {ex}");
        }
    }

    private void DeleteRootDirectory()
    {
        if (Directory.Exists(RootDirectory))
        {
            Directory.Delete(RootDirectory, recursive: true);
        }
    }

    private string ServerLog()
    {
        string log;
        try
        {
            log = File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no server log was written)";
        }
        catch (IOException ex)
        {
            log = $"(could not read {LogFile}: {ex.Message})";
        }

        return $"{Environment.NewLine}server log ({LogFile}):{Environment.NewLine}{log.TrimEnd()}";
    }

    private string WithUserHint(string step) =>
        runAsUser is null ? step : $"{step} (run as OS user '{runAsUser}' because this process runs as root)";

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
