using WebMacs.AspNetCore.Tests.Support;

namespace WebMacs.AspNetCore.Tests.Experiments;

/// <summary>The experiments route tests on PostgreSQL.</summary>
public sealed class ExperimentsEndpointsPostgresTests(WebMacsHosts hosts) : ExperimentsEndpointsTests(hosts, TestStore.Postgres), IClassFixture<WebMacsHosts>;
