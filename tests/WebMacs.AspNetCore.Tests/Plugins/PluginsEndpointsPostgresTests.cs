using WebMacs.AspNetCore.Tests.Support;

namespace WebMacs.AspNetCore.Tests.Plugins;

/// <summary>The plugin route tests on PostgreSQL.</summary>
public sealed class PluginsEndpointsPostgresTests(PluginHosts hosts) : PluginsEndpointsTests(hosts, TestStore.Postgres), IClassFixture<PluginHosts>;
