using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebMacs.Acquisition;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Testing.Hosting;
using WebMacs.Testing.Postgres;
using WebMacs.Uplink;

namespace WebMacs.AspNetCore.Tests.Uplink;

/// <summary>
/// The uplink's fault tests over real sockets (issue "acquisition that loses nothing"): a controller sampling at
/// 100 Hz into the on-disk buffer while the backend is stopped and restarted, or while the network is cut mid-batch;
/// afterwards every sample is in the database exactly once, with its sampling timestamp.
/// </summary>
public sealed class UplinkFaultTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Uplink_BackendStopped30sWhileSamplingThenRestarted_StoresEverySampleOnceWithItsTimestamp(TestStore store)
    {
        await using var backend = await Backend.StartAsync(store, postgres);
        var linked = await backend.Host.CreateLinkedEventAsync();
        var token = await backend.Host.CreateApiTokenAsync(WebMacsTestHost.AdminEmail);
        await using var proxy = new TcpProxy { Target = backend.Host.BaseAddress };
        await using var controller = await Controller.StartAsync(proxy.Address, token);

        var sampler = controller.SampleAsync(linked, TimeSpan.FromMilliseconds(10));
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        proxy.Target = null;
        proxy.Cut();
        await backend.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(30), Ct);
        Assert.True(controller.Buffer.PendingBatches > 0, "Samples taken while the backend was down wait in the buffer.");

        await backend.RestartAsync();
        proxy.Target = backend.Host.BaseAddress;
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        var samples = await controller.StopSamplingAsync(sampler);

        await controller.DrainAsync();
        await AssertStoredOnceAsync(backend.Host, linked, samples);
        Assert.Equal(0, controller.Buffer.DroppedDatapoints);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Uplink_NetworkCutRepeatedlyMidStream_StoresEverySampleOnce(TestStore store)
    {
        await using var backend = await Backend.StartAsync(store, postgres);
        var linked = await backend.Host.CreateLinkedEventAsync();
        var token = await backend.Host.CreateApiTokenAsync(WebMacsTestHost.AdminEmail);
        await using var proxy = new TcpProxy { Target = backend.Host.BaseAddress };
        await using var controller = await Controller.StartAsync(proxy.Address, token, batchItems: 20);

        var sampler = controller.SampleAsync(linked, TimeSpan.FromMilliseconds(10));
        for (var i = 0; i < 8; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(700), Ct);
            proxy.Cut();
        }

        var samples = await controller.StopSamplingAsync(sampler);
        await controller.DrainAsync();
        await AssertStoredOnceAsync(backend.Host, linked, samples);
        Assert.True(proxy.Accepted > 1, "The controller reconnected after the cuts.");
    }

    [Fact]
    public async Task Buffer_Restarted_ResendsWhatWasNotAcknowledgedWithHigherSeqs()
    {
        var directory = Directory.CreateTempSubdirectory("webmacs-uplink-").FullName;
        try
        {
            var options = Options.Create(new UplinkOptions { BackendUrl = new Uri("http://127.0.0.1:1"), ApiToken = "wm_x", Source = "ctl", MaxBatchItems = 3 });
            long firstSeq;
            using (var buffer = new TelemetryBuffer(options, directory, TimeProvider.System, NullLogger<TelemetryBuffer>.Instance))
            {
                buffer.Add([.. Enumerable.Range(0, 7).Select(i => new AcquiredSample(Guid.Empty, "c", Guid.NewGuid(), i, DateTime.UtcNow))]);
                buffer.Flush(force: true);
                var pending = buffer.PendingAfter(0);
                Assert.Equal([3, 3, 1], pending.Select(b => b.Items));
                firstSeq = pending[0].Seq;
                buffer.Complete(firstSeq);
            }

            using var reopened = new TelemetryBuffer(options, directory, TimeProvider.System, NullLogger<TelemetryBuffer>.Instance);
            var left = reopened.PendingAfter(0);
            Assert.Equal(2, left.Count);
            reopened.Add([new AcquiredSample(Guid.Empty, "c", Guid.NewGuid(), 9, DateTime.UtcNow)]);
            reopened.Flush(force: true);
            var all = reopened.PendingAfter(0);
            Assert.Equal(3, all.Count);
            Assert.True(all[2].Seq > all[1].Seq && all[1].Seq > firstSeq, "Sequence numbers keep rising across a restart.");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Buffer_OverItsSizeLimit_DropsTheOldestAndCountsThem()
    {
        var directory = Directory.CreateTempSubdirectory("webmacs-uplink-").FullName;
        try
        {
            var options = Options.Create(new UplinkOptions { BackendUrl = new Uri("http://127.0.0.1:1"), ApiToken = "wm_x", MaxBatchItems = 10, MaxBufferBytes = 4096 });
            using var buffer = new TelemetryBuffer(options, directory, TimeProvider.System, NullLogger<TelemetryBuffer>.Instance);
            buffer.Add([.. Enumerable.Range(0, 500).Select(i => new AcquiredSample(Guid.Empty, "c", Guid.NewGuid(), i, DateTime.UtcNow))]);

            var pending = buffer.PendingAfter(0);
            Assert.True(pending.Sum(b => b.Bytes) <= 4096 + pending[^1].Bytes, "The buffer stays near its size limit.");
            Assert.Equal(500 - pending.Sum(b => b.Items), buffer.DroppedDatapoints);
            Assert.True(buffer.DroppedDatapoints > 0);
            Assert.Equal(pending.Count, Directory.GetFiles(directory, "*.json").Length);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task AssertStoredOnceAsync(WebMacsTestHost host, TestEvent linked, List<(double Value, DateTime Timestamp)> samples)
    {
        var stored = await host.DatapointsOfAsync(linked);
        Assert.Equal(samples.Count, stored.Count);
        Assert.Equal(stored.Count, stored.Select(d => d.Value).Distinct().Count());
        var expected = samples.ToDictionary(s => s.Value, s => Truncate(s.Timestamp));
        foreach (var row in stored)
        {
            Assert.True(expected.TryGetValue(row.Value, out var sampledAt), $"Unexpected value {row.Value}.");
            Assert.Equal(sampledAt, row.Timestamp);
        }
    }

    private static DateTime Truncate(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);

    /// <summary>A backend host that can be stopped and started again on the same database.</summary>
    private sealed class Backend : IAsyncDisposable
    {
        private readonly Func<Task<WebMacsTestHost>> start;
        private readonly string? dataDirectory;

        private Backend(Func<Task<WebMacsTestHost>> start, string? dataDirectory)
        {
            this.start = start;
            this.dataDirectory = dataDirectory;
        }

        public WebMacsTestHost Host { get; private set; } = null!;

        private bool Running { get; set; }

        public static async Task<Backend> StartAsync(TestStore store, PostgresServer postgres)
        {
            Backend backend;
            if (store == TestStore.Postgres)
            {
                postgres.SkipIfUnavailable();
                var connectionString = await postgres.CreateDatabaseAsync("uplink");
                backend = new Backend(() => WebMacsTestHost.StartAsync(b => b.AddPostgres(o => o.ConnectionString = connectionString)), null);
            }
            else
            {
                var folder = Directory.CreateTempSubdirectory("webmacs-backend-").FullName;
                backend = new Backend(() => WebMacsTestHost.StartAsync(b => b.AddSqlite(), new Dictionary<string, string?> { ["WebMacs:DataDirectory"] = folder }), folder);
            }

            await backend.RestartAsync();
            return backend;
        }

        public async Task RestartAsync()
        {
            Host = await start();
            Running = true;
        }

        public async Task StopAsync()
        {
            Running = false;
            await Host.DisposeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (Running)
            {
                await Host.DisposeAsync();
            }

            if (dataDirectory is not null)
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    /// <summary>The controller side: the on-disk buffer and the uplink client, fed by a 100 Hz sampling loop.</summary>
    private sealed class Controller : IAsyncDisposable
    {
        private readonly string directory;
        private readonly UplinkClient client;
        private readonly CancellationTokenSource sampling = new();

        private Controller(string directory, TelemetryBuffer buffer, UplinkClient client)
        {
            this.directory = directory;
            Buffer = buffer;
            this.client = client;
        }

        public TelemetryBuffer Buffer { get; }

        public static async Task<Controller> StartAsync(Uri backend, string token, int batchItems = 500)
        {
            var directory = Directory.CreateTempSubdirectory("webmacs-controller-").FullName;
            var options = Options.Create(new UplinkOptions
            {
                BackendUrl = backend,
                ApiToken = token,
                Source = $"controller-{Guid.NewGuid():N}",
                MaxBatchItems = batchItems,
                FlushInterval = TimeSpan.FromMilliseconds(100),
                MinReconnectDelay = TimeSpan.FromMilliseconds(100),
                MaxReconnectDelay = TimeSpan.FromSeconds(1),
            });
            var buffer = new TelemetryBuffer(options, directory, TimeProvider.System, NullLogger<TelemetryBuffer>.Instance);
            var client = new UplinkClient(buffer, options, TimeProvider.System, NullLogger<UplinkClient>.Instance);
            await client.StartAsync(Ct);
            return new Controller(directory, buffer, client);
        }

        /// <summary>Publishes one sample per period (unique values, their own sampling times) until stopped.</summary>
        public async Task<List<(double Value, DateTime Timestamp)>> SampleAsync(TestEvent linked, TimeSpan period)
        {
            var sink = new UplinkTelemetrySink(Buffer);
            var taken = new List<(double, DateTime)>();
            using var timer = new PeriodicTimer(period);
            try
            {
                for (var i = 1; await timer.WaitForNextTickAsync(sampling.Token); i++)
                {
                    var now = DateTime.UtcNow;
                    await sink.PublishAsync([new AcquiredSample(Guid.Empty, "temp", linked.PublicId, i, now)], CancellationToken.None);
                    taken.Add((i, now));
                }
            }
            catch (OperationCanceledException)
            {
                // Sampling stopped.
            }

            return taken;
        }

        public async Task<List<(double Value, DateTime Timestamp)>> StopSamplingAsync(Task<List<(double Value, DateTime Timestamp)>> sampler)
        {
            await sampling.CancelAsync();
            var samples = await sampler;
            Buffer.Flush(force: true);
            return samples;
        }

        /// <summary>Waits (bounded) until every buffered batch is acknowledged.</summary>
        public async Task DrainAsync()
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (Buffer.PendingBatches > 0)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{Buffer.PendingBatches} batches were still unacknowledged after 90 s.");
                await Task.Delay(100, Ct);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await sampling.CancelAsync();
            await client.StopAsync(CancellationToken.None);
            client.Dispose();
            Buffer.Dispose();
            sampling.Dispose();
            Directory.Delete(directory, recursive: true);
        }
    }
}
