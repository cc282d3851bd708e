using WebMacs.AspNetCore.Tests.Support;

namespace WebMacs.AspNetCore.Tests.Plugins;

/// <summary>The plugin route tests on SQLite.</summary>
public sealed class PluginsEndpointsSqliteTests(PluginHosts hosts) : PluginsEndpointsTests(hosts, TestStore.Sqlite), IClassFixture<PluginHosts>;
