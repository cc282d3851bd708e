using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using WebMacs.Testing.Postgres;
using static WebMacs.ReferenceHost.Tests.TestEnvironment;

namespace WebMacs.ReferenceHost.Tests;

/// <summary>The reference host's start contract, exercised on the built host as a real process.</summary>
public sealed partial class ReferenceHostStartTests(PostgresServer postgres) : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("webmacs-refhost-data-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_ProductionWithoutDatabaseUrl_ServesHealthAndLoginFromSqliteInTheDataFolder()
    {
        await using var host = ReferenceHostProcess.Start(Production(dataDirectory));

        var health = await host.WaitForHealthAsync();

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("ok", health.GetProperty("database").GetString());
        await AssertAdminLoginAsync(host, AdminEmail, AdminPassword, AdminUsername);
        Assert.True(File.Exists(Path.Combine(dataDirectory, "webmacs.db")), $"No webmacs.db in {dataDirectory}.\n{host.Transcript}");
    }

    [Fact]
    public async Task Start_ProductionWithPostgresDatabaseUrl_ServesHealthAndLoginFromPostgres()
    {
        var database = await postgres.CreateDatabaseAsync(nameof(ReferenceHostStartTests));
        try
        {
            var environment = Production(dataDirectory);
            environment["DATABASE_URL"] = ToDatabaseUrl(database);
            await using (var host = ReferenceHostProcess.Start(environment))
            {
                var health = await host.WaitForHealthAsync();

                Assert.Equal("ok", health.GetProperty("status").GetString());
                Assert.Equal("ok", health.GetProperty("database").GetString());
                await AssertAdminLoginAsync(host, AdminEmail, AdminPassword, AdminUsername);
                Assert.False(File.Exists(Path.Combine(dataDirectory, "webmacs.db")), "DATABASE_URL is set, yet a SQLite file was created.");
            }

            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand("SELECT username FROM users WHERE email = @email", connection);
            command.Parameters.AddWithValue("email", AdminEmail);
            Assert.Equal(AdminUsername, await command.ExecuteScalarAsync(Ct));
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Start_DevelopmentWithoutAdminPasswordOrSecret_PrintsAGeneratedPasswordOnceAndKeepsItAcrossRestarts()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["WEBMACS_DATA_DIR"] = dataDirectory,
        };

        string password;
        string firstToken;
        await using (var first = ReferenceHostProcess.Start(environment))
        {
            await first.WaitForHealthAsync();
            var printed = first.StandardOutput.Select(l => PasswordLine().Match(l)).Where(m => m.Success).ToList();
            Assert.True(printed.Count == 1, $"Expected the generated password exactly once.\n{first.Transcript}");
            password = printed[0].Groups["password"].Value;
            firstToken = await AssertAdminLoginAsync(first, "admin@webmacs.io", password, "admin");
            Assert.DoesNotContain(first.StandardError, l => l.Contains(password, StringComparison.Ordinal));
        }

        await using var second = ReferenceHostProcess.Start(environment);
        await second.WaitForHealthAsync();

        Assert.DoesNotContain(second.StandardOutput, l => PasswordLine().IsMatch(l));
        await AssertAdminLoginAsync(second, "admin@webmacs.io", password, "admin");
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        me.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", firstToken);
        using var meResponse = await second.Client.SendAsync(me, Ct);
        Assert.True(meResponse.StatusCode == HttpStatusCode.OK, "A token from before the restart must stay valid (the generated key is kept in the data folder).");
    }

    public void Dispose()
    {
        Directory.Delete(dataDirectory, recursive: true);
    }

    /// <summary>Logs in over HTTP, checks the caller is the administrator, and returns the token.</summary>
    private static async Task<string> AssertAdminLoginAsync(ReferenceHostProcess host, string email, string password, string username)
    {
        using var login = await host.Client.LoginAsync(email, password);
        var body = await login.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"Login as {email} answered {(int)login.StatusCode}: {body}\n{host.Transcript}");
        Assert.Equal(username, body.GetProperty("username").GetString());
        var token = body.GetProperty("access_token").GetString()!;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var me = await host.Client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("admin", (await me.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("role").GetString());
        return token;
    }

    [GeneratedRegex(@"^\s*password:\s+(?<password>\S+)\s*$")]
    private static partial Regex PasswordLine();
}
