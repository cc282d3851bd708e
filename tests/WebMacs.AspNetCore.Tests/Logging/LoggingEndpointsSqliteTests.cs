using WebMacs.AspNetCore.Tests.Support;

namespace WebMacs.AspNetCore.Tests.Logging;

/// <summary>The logging route tests on SQLite.</summary>
public sealed class LoggingEndpointsSqliteTests(WebMacsHosts hosts) : LoggingEndpointsTests(hosts, TestStore.Sqlite), IClassFixture<WebMacsHosts>;
