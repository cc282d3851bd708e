using WebMacs.AspNetCore.Tests.Support;

namespace WebMacs.AspNetCore.Tests.Dashboards;

/// <summary>The dashboard route tests on SQLite.</summary>
public sealed class DashboardsEndpointsSqliteTests(WebMacsHosts hosts) : DashboardsEndpointsTests(hosts, TestStore.Sqlite), IClassFixture<WebMacsHosts>;
