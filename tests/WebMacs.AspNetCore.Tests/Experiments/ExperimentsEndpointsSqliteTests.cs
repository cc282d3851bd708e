using WebMacs.AspNetCore.Tests.Support;

namespace WebMacs.AspNetCore.Tests.Experiments;

/// <summary>The experiments route tests on SQLite.</summary>
public sealed class ExperimentsEndpointsSqliteTests(WebMacsHosts hosts) : ExperimentsEndpointsTests(hosts, TestStore.Sqlite), IClassFixture<WebMacsHosts>;
