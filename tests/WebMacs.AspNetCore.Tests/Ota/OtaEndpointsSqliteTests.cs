using WebMacs.AspNetCore.Tests.Support;

namespace WebMacs.AspNetCore.Tests.Ota;

/// <summary>The OTA route tests on SQLite.</summary>
public sealed class OtaEndpointsSqliteTests(OtaHosts hosts) : OtaEndpointsTests(hosts, TestStore.Sqlite), IClassFixture<OtaHosts>;
