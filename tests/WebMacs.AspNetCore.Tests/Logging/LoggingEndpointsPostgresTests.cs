using WebMacs.AspNetCore.Tests.Support;

namespace WebMacs.AspNetCore.Tests.Logging;

/// <summary>The logging route tests on PostgreSQL.</summary>
public sealed class LoggingEndpointsPostgresTests(WebMacsHosts hosts) : LoggingEndpointsTests(hosts, TestStore.Postgres), IClassFixture<WebMacsHosts>;
