using WebMacs.AspNetCore.Tests.Support;

namespace WebMacs.AspNetCore.Tests.Events;

/// <summary>The events route tests on PostgreSQL.</summary>
public sealed class EventsEndpointsPostgresTests(WebMacsHosts hosts) : EventsEndpointsTests(hosts, TestStore.Postgres), IClassFixture<WebMacsHosts>;
