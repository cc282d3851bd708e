using WebMacs.AspNetCore.Tests.Support;

namespace WebMacs.AspNetCore.Tests.Ota;

/// <summary>The OTA route tests on PostgreSQL.</summary>
public sealed class OtaEndpointsPostgresTests(OtaHosts hosts) : OtaEndpointsTests(hosts, TestStore.Postgres), IClassFixture<OtaHosts>;
