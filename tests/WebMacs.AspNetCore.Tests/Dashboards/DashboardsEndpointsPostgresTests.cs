using WebMacs.AspNetCore.Tests.Support;

namespace WebMacs.AspNetCore.Tests.Dashboards;

/// <summary>The dashboard route tests on PostgreSQL.</summary>
public sealed class DashboardsEndpointsPostgresTests(WebMacsHosts hosts) : DashboardsEndpointsTests(hosts, TestStore.Postgres), IClassFixture<WebMacsHosts>;
