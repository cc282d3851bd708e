using WebMacs.AspNetCore.Tests.Support;

namespace WebMacs.AspNetCore.Tests.Tokens;

/// <summary>The API token route tests on SQLite.</summary>
public sealed class TokensEndpointsSqliteTests(WebMacsHosts hosts) : TokensEndpointsTests(hosts, TestStore.Sqlite), IClassFixture<WebMacsHosts>;
