using WebMacs.AspNetCore.Tests.Support;

namespace WebMacs.AspNetCore.Tests.Events;

/// <summary>The events route tests on SQLite.</summary>
public sealed class EventsEndpointsSqliteTests(WebMacsHosts hosts) : EventsEndpointsTests(hosts, TestStore.Sqlite), IClassFixture<WebMacsHosts>;
