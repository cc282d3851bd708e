using WebMacs.AspNetCore.Tests.Support;

namespace WebMacs.AspNetCore.Tests.Tokens;

/// <summary>The API token route tests on PostgreSQL.</summary>
public sealed class TokensEndpointsPostgresTests(WebMacsHosts hosts) : TokensEndpointsTests(hosts, TestStore.Postgres), IClassFixture<WebMacsHosts>;
