using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebMacs.Testing.Hosting;

/// <summary>
/// A real WebMacs host for HTTP and WebSocket tests: Kestrel on <c>127.0.0.1:0</c>, <c>AddWebMacs()</c> with the
/// store the test chooses, <c>MapWebMacs()</c>, a private data folder and a known administrator.
/// </summary>
public sealed class WebMacsTestHost : IAsyncDisposable
{
    /// <summary>The e-mail of the administrator every test host seeds.</summary>
    public const string AdminEmail = "admin@webmacs.test";

    /// <summary>The password of the administrator every test host seeds.</summary>
    public const string AdminPassword = "Admin-Password-1";

    private readonly WebApplication app;

    private WebMacsTestHost(WebApplication app, Uri baseAddress, string dataDirectory)
    {
        this.app = app;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    /// <summary>Gets the address the host listens on.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets a client for <see cref="BaseAddress"/> without credentials.</summary>
    public HttpClient Client { get; }

    /// <summary>Gets the host's data folder (removed on dispose).</summary>
    public string DataDirectory { get; }

    /// <summary>Gets the host's services.</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>
    /// Starts a host. <paramref name="store"/> adds the storage (e.g. <c>b =&gt; b.AddSqlite()</c>);
    /// <paramref name="settings"/> add or override configuration keys; <paramref name="configureApp"/> maps the
    /// host's own endpoints after <c>MapWebMacs()</c>; <paramref name="configureBuilder"/> adds the host's own
    /// services after <c>AddWebMacs()</c> (e.g. an authentication scheme of its own).
    /// </summary>
    public static async Task<WebMacsTestHost> StartAsync(
        Action<IWebMacsBuilder> store,
        IReadOnlyDictionary<string, string?>? settings = null,
        string environment = "Development",
        Action<WebApplication>? configureApp = null,
        Action<WebApplicationBuilder>? configureBuilder = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var dataDirectory = Directory.CreateTempSubdirectory("webmacs-test-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ContentRootPath = dataDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WebMacs:SecretKey"] = "test-only-secret-key-with-at-least-32-characters",
            ["WebMacs:InitialAdminEmail"] = AdminEmail,
            ["WebMacs:InitialAdminUsername"] = "admin",
            ["WebMacs:InitialAdminPassword"] = AdminPassword,
            ["WebMacs:DataDirectory"] = dataDirectory,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        store(builder.Services.AddWebMacs(builder.Configuration));
        configureBuilder?.Invoke(builder);
        var app = builder.Build();
        app.MapWebMacs();
        configureApp?.Invoke(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            Directory.Delete(dataDirectory, recursive: true);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new WebMacsTestHost(app, new Uri(address), dataDirectory);
    }

    /// <summary>Logs in and returns the access token; fails the test when the login is refused.</summary>
    public async Task<string> LoginAsync(string email = AdminEmail, string password = AdminPassword)
    {
        using var response = await Client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Login as {email} failed with {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Creates a client that sends <c>Authorization: Bearer <paramref name="token"/></c>.</summary>
    public HttpClient CreateClient(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Stops the host and deletes its data folder.</summary>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
