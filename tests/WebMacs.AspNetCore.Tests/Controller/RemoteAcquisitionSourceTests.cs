using WebMacs.AspNetCore.Tests.Acquisition;
using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.AspNetCore.Tests.Plugins;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using WebMacs.Testing.Postgres;

namespace WebMacs.AspNetCore.Tests.Controller;

/// <summary>
/// An edge controller (Generic Host, no store, <c>AddUplink()</c>) against a real backend: it takes its plugin
/// instances from the backend's REST API, samples them, and the backend stores the samples and shows their status.
/// </summary>
public sealed class RemoteAcquisitionSourceTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Controller_InstanceCreatedOnBackend_StoresSamplesWithSamplingTimestampsAndReportsConnected(TestStore store)
    {
        await using var backend = await Backend.StartAsync(store, postgres);
        await using var controller = await ControllerHost.StartAsync(backend.Host.BaseAddress, backend.Token);

        var (id, name) = await backend.CreateInstanceAsync();
        await Eventually.UntilAsync(async () => (await backend.DatapointsAsync(id, "in2")).Count, n => n >= 5, "five polls stored in the backend");

        var plugin = AcquisitionHost.PluginOf(name);
        var points = (await backend.DatapointsAsync(id, "in1")).Concat(await backend.DatapointsAsync(id, "in2")).ToList();
        Assert.All(points, d => Assert.Equal(0.0, d.Value % 1));
        foreach (var point in points)
        {
            // Read n is stamped when its poll began (to the microsecond): never after its own read, after the previous poll.
            var read = (int)point.Value;
            var stamp = DateTime.SpecifyKind(point.Timestamp, DateTimeKind.Utc);
            var firstOfPoll = read % 2 == 1 ? read : read - 1;
            Assert.True(stamp <= plugin.ReadTimes[read], $"Read {read} stamped {stamp:O}, after it happened ({plugin.ReadTimes[read]:O}).");
            if (firstOfPoll > 1)
            {
                Assert.True(stamp > plugin.ReadTimes[firstOfPoll - 1].AddTicks(-10), $"Read {read} stamped {stamp:O}, before the previous poll ended.");
            }
        }

        var instance = await Eventually.UntilAsync(() => backend.GetInstanceAsync(id), i => i.GetProperty("status").GetString() == "connected", "the status connected");
        Assert.Null(instance.GetProperty("error_message").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Controller_DemoInstanceAndDisabling_ReportsDemoThenStopsSampling(TestStore store)
    {
        await using var backend = await Backend.StartAsync(store, postgres);
        await using var controller = await ControllerHost.StartAsync(backend.Host.BaseAddress, backend.Token);

        var (id, _) = await backend.CreateInstanceAsync(demoMode: true);
        await Eventually.UntilAsync(() => backend.GetInstanceAsync(id), i => i.GetProperty("status").GetString() == "demo", "the status demo");
        Assert.NotNull(controller.Engine.Find(id));

        using var disabled = await backend.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/plugins/{id}", """{"enabled": false}""");
        disabled.EnsureSuccessStatusCode();
        await Eventually.UntilAsync(() => controller.Engine.Find(id) is null, "the disabled instance stopped on the controller");
        await Eventually.UntilAsync(() => backend.GetInstanceAsync(id), i => i.GetProperty("status").GetString() == "inactive", "the status inactive");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task LoadAsync_MoreThanOnePage_LoadsEveryEnabledInstanceWithItsMappings(TestStore store)
    {
        await using var backend = await Backend.StartAsync(store, postgres);
        var linked = await PluginData.InsertEventAsync(backend.Host);
        var owner = await backend.Host.GetUserIdAsync(WebMacsTestHost.AdminEmail);
        var enabledAt = new HashSet<int> { 0, 57, 100, 104 };
        var expected = await backend.Host.WithDbAsync(async db =>
        {
            var rows = Enumerable.Range(0, 105).Select(i => new PluginInstance
            {
                PluginId = "not-installed",
                InstanceName = $"page-{i:000}",
                Enabled = enabledAt.Contains(i),
                CreatedOn = DateTime.UtcNow,
                UpdatedOn = DateTime.UtcNow,
                UserId = owner,
            }).ToList();
            rows[104].ChannelMappings.Add(new ChannelMapping { ChannelId = "ch", ChannelName = "ch", Direction = ChannelDirection.Input, Unit = "V", EventId = linked.Id, CreatedOn = DateTime.UtcNow });
            rows[104].ChannelMappings.Add(new ChannelMapping { ChannelId = "free", ChannelName = "free", Direction = ChannelDirection.Input, Unit = "V", CreatedOn = DateTime.UtcNow });
            db.PluginInstances.AddRange(rows);
            await db.SaveChangesAsync(Ct);
            return rows.Where(r => r.Enabled).Select(r => r.PublicId).ToList();
        });
        await using var controller = await ControllerHost.StartAsync(backend.Host.BaseAddress, backend.Token, syncInterval: TimeSpan.FromMinutes(10));

        var loaded = await controller.Source.LoadAsync(Ct);

        Assert.Equal(expected, loaded.Select(s => s.PublicId));
        var last = loaded[^1];
        Assert.Equal(("not-installed", "page-104"), (last.Definition.PluginId, last.Definition.InstanceName));
        Assert.Equal(new Dictionary<string, Guid> { ["ch"] = linked.PublicId }, last.Mappings);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Controller_RestartedWithoutBackend_AcquiresWithTheLastGoodConfigurationIntoItsBuffer(TestStore store)
    {
        await using var backend = await Backend.StartAsync(store, postgres);
        await using var first = await ControllerHost.StartAsync(backend.Host.BaseAddress, backend.Token);
        var (id, name) = await backend.CreateInstanceAsync();
        await Eventually.UntilAsync(async () => (await backend.DatapointsAsync(id, "in1")).Count, n => n >= 2, "samples stored in the backend");
        Assert.True(File.Exists(first.Source.CacheFile), "The last good configuration is kept on disk.");
        await first.StopAsync();
        var before = AcquisitionHost.PluginOf(name);

        // Port 1 on loopback refuses connections: the backend is unreachable.
        await using var second = await ControllerHost.StartAsync(new Uri("http://127.0.0.1:1"), backend.Token, first.DataDirectory);

        await Eventually.UntilAsync(() => second.Engine.Find(id) is not null, "the instance running from the last good configuration");
        await Eventually.UntilAsync(
            () => Task.FromResult(CountingPlugin.ByName.TryGetValue(name, out var now) && !ReferenceEquals(now, before) && now.Reads >= 4),
            ok => ok,
            "the restarted controller sampling");
        await Eventually.UntilAsync(() => second.Buffer.PendingBatches > 0, "the samples waiting in the buffer for the backend");
    }
}
