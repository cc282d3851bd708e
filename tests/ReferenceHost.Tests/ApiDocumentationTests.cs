using System.Text.Json;
using Microsoft.Playwright;
using static WebMacs.ReferenceHost.Tests.TestEnvironment;

namespace WebMacs.ReferenceHost.Tests;

/// <summary>The reference host documents its API: every route of the contract in <c>/openapi/v1.json</c>, and an
/// interactive page at <c>/docs</c> that renders in a real browser (Debian's Chromium driven by Playwright).</summary>
public sealed class ApiDocumentationTests : IDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium";

    // The 79 routes of reference §4.3 (path parameters by their names in this host) + the additions of this port
    // (docs/controller.md): PUT /api/v1/plugins/{public_id}/status.
    private static readonly string[] ContractRoutes =
    [
        "GET /health",
        "POST /api/v1/auth/login", "POST /api/v1/auth/logout", "GET /api/v1/auth/me",
        "GET /api/v1/auth/sso/config", "GET /api/v1/auth/sso/authorize", "GET /api/v1/auth/sso/callback", "POST /api/v1/auth/sso/exchange",
        "GET /api/v1/users", "POST /api/v1/users", "GET /api/v1/users/{public_id}", "PUT /api/v1/users/{public_id}", "DELETE /api/v1/users/{public_id}",
        "GET /api/v1/tokens", "POST /api/v1/tokens", "DELETE /api/v1/tokens/{public_id}",
        "GET /api/v1/events", "POST /api/v1/events", "GET /api/v1/events/{public_id}", "PUT /api/v1/events/{public_id}", "DELETE /api/v1/events/{public_id}",
        "GET /api/v1/experiments", "POST /api/v1/experiments", "GET /api/v1/experiments/{public_id}", "PUT /api/v1/experiments/{public_id}",
        "PUT /api/v1/experiments/{public_id}/stop", "GET /api/v1/experiments/{public_id}/export/csv", "DELETE /api/v1/experiments/{public_id}",
        "GET /api/v1/datapoints", "POST /api/v1/datapoints", "POST /api/v1/datapoints/batch", "POST /api/v1/datapoints/series",
        "GET /api/v1/datapoints/latest", "GET /api/v1/datapoints/{public_id}", "DELETE /api/v1/datapoints/{public_id}",
        "GET /api/v1/logging", "POST /api/v1/logging", "GET /api/v1/logging/{public_id}", "PUT /api/v1/logging/{public_id}",
        "GET /api/v1/webhooks", "POST /api/v1/webhooks", "GET /api/v1/webhooks/{public_id}", "PUT /api/v1/webhooks/{public_id}",
        "DELETE /api/v1/webhooks/{public_id}", "GET /api/v1/webhooks/{public_id}/deliveries",
        "GET /api/v1/rules", "POST /api/v1/rules", "GET /api/v1/rules/{public_id}", "PUT /api/v1/rules/{public_id}", "DELETE /api/v1/rules/{public_id}",
        "GET /api/v1/ota", "POST /api/v1/ota", "GET /api/v1/ota/check", "GET /api/v1/ota/{public_id}", "POST /api/v1/ota/{public_id}/apply",
        "POST /api/v1/ota/{public_id}/rollback", "DELETE /api/v1/ota/{public_id}", "POST /api/v1/ota/upload",
        "GET /api/v1/dashboards", "POST /api/v1/dashboards", "GET /api/v1/dashboards/{public_id}", "PUT /api/v1/dashboards/{public_id}",
        "DELETE /api/v1/dashboards/{public_id}", "POST /api/v1/dashboards/{dashboard_id}/widgets",
        "PUT /api/v1/dashboards/{dashboard_id}/widgets/{widget_id}", "DELETE /api/v1/dashboards/{dashboard_id}/widgets/{widget_id}",
        "GET /api/v1/plugins/available", "GET /api/v1/plugins/packages", "POST /api/v1/plugins/packages/upload", "DELETE /api/v1/plugins/packages/{public_id}",
        "GET /api/v1/plugins", "POST /api/v1/plugins", "GET /api/v1/plugins/{public_id}", "PUT /api/v1/plugins/{public_id}", "DELETE /api/v1/plugins/{public_id}",
        "GET /api/v1/plugins/{public_id}/channels", "POST /api/v1/plugins/{public_id}/channels",
        "PUT /api/v1/plugins/{public_id}/channels/{mapping_id}", "DELETE /api/v1/plugins/{public_id}/channels/{mapping_id}",
        "PUT /api/v1/plugins/{public_id}/status",
    ];

    private readonly string dataDirectory = Directory.CreateTempSubdirectory("webmacs-refhost-docs-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenApiDocument_AnyHost_ListsEveryContractRouteWithSnakeCaseSchemas()
    {
        await using var host = ReferenceHostProcess.Start(Production(dataDirectory));
        await host.WaitForHealthAsync();

        using var document = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct));
        var routes = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(79 + 1, ContractRoutes.Length);
        var missing = ContractRoutes.Except(routes, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Missing from /openapi/v1.json: " + string.Join(", ", missing));
        Assert.Equal("WebMACS API", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var eventProperties = schemas.EnumerateObject().First(s => s.Name.StartsWith("EventResponse", StringComparison.Ordinal)).Value.GetProperty("properties");
        Assert.True(eventProperties.TryGetProperty("min_value", out _), eventProperties.ToString());
    }

    [Fact]
    public async Task DocsPage_InChromium_RendersTheApiReference()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Skip($"{ChromiumPath} is not installed (apt-get install -y chromium); .ci/run installs it.");
        }

        await using var host = ReferenceHostProcess.Start(Production(dataDirectory));
        await host.WaitForHealthAsync();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync(new Uri(host.BaseAddress, "/docs").ToString());

        Assert.NotNull(response);
        Assert.True(response.Ok, $"GET /docs answered {response.Status}");
        // Scalar renders the document client-side: the title and an operation appear only once it has run.
        await page.GetByText("WebMACS API").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await page.GetByText("/api/v1/auth/login").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var screenshot = Path.Combine(Path.GetTempPath(), "webmacs-docs.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        Assert.True(new FileInfo(screenshot).Length > 0);
    }

    public void Dispose()
    {
        Directory.Delete(dataDirectory, recursive: true);
    }
}
