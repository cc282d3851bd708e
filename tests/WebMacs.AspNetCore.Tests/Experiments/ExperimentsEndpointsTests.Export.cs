using System.Net;
using System.Text;
using WebMacs.AspNetCore.Tests.Events;
using WebMacs.Domain;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Experiments;

// Route 27, the CSV export (reference §4.4, §10 items 51–52).
public abstract partial class ExperimentsEndpointsTests
{
    private const string CsvHeader = "timestamp,event_name,event_public_id,value,unit,datapoint_public_id\r\n";

    [Fact]
    public async Task ExportCsv_Datapoints_AreWrittenInTimeOrderInTheOriginalsFormat()
    {
        var (host, callers) = await ArrangeAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var reactor = await host.InsertEventAsync($"Temp, \"Reactor\" {suffix}", unit: "°C");
        var line = await host.InsertEventAsync($"Line\nbreak {suffix}", unit: "m,s");
        var experiment = await host.InsertExperimentAsync($"Run 1/A {suffix}");
        var other = await host.InsertExperimentAsync();
        var t1 = new DateTime(2025, 1, 15, 14, 32, 10, DateTimeKind.Utc).AddTicks(10);
        var t2 = new DateTime(2025, 1, 15, 14, 32, 10, DateTimeKind.Utc).AddTicks(1_234_560);
        var t3 = new DateTime(2025, 1, 15, 14, 32, 11, DateTimeKind.Utc);
        var p1 = (await host.InsertDatapointsAsync(reactor.Id, experiment.Id, (t3, -2.5)))[0];
        var p2 = (await host.InsertDatapointsAsync(reactor.Id, experiment.Id, (t2, 23.45)))[0];
        var p3 = (await host.InsertDatapointsAsync(line.Id, experiment.Id, (t1, 1.0)))[0];
        var p4 = (await host.InsertDatapointsAsync(line.Id, experiment.Id, (t2, 1e-05)))[0];
        await host.InsertDatapointsAsync(reactor.Id, other.Id, (t1, 99));
        await host.InsertDatapointsAsync(reactor.Id, null, (t1, 98));

        using var response = await callers.ViewerClient.GetAsync($"{Path}/{experiment.PublicId}/export/csv", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var pid = experiment.PublicId.ToString()[..8];
        Assert.Equal($"attachment; filename=\"experiment_Run_1-A_{suffix}_{pid}.csv\"", response.Content.Headers.GetValues("Content-Disposition").Single());
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal((byte)'t', bytes[0]);
        var expected = CsvHeader
            + $"2025-01-15T14:32:10.000001+00:00,\"Line\nbreak {suffix}\",{line.PublicId},1.0,\"m,s\",{DatapointId.ToPublicId(p3.Id)}\r\n"
            + $"2025-01-15T14:32:10.123456+00:00,\"Temp, \"\"Reactor\"\" {suffix}\",{reactor.PublicId},23.45,°C,{DatapointId.ToPublicId(p2.Id)}\r\n"
            + $"2025-01-15T14:32:10.123456+00:00,\"Line\nbreak {suffix}\",{line.PublicId},1e-05,\"m,s\",{DatapointId.ToPublicId(p4.Id)}\r\n"
            + $"2025-01-15T14:32:11+00:00,\"Temp, \"\"Reactor\"\" {suffix}\",{reactor.PublicId},-2.5,°C,{DatapointId.ToPublicId(p1.Id)}\r\n";
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task ExportCsv_ExperimentWithoutData_ReturnsTheHeaderLineOnly()
    {
        var (host, callers) = await ArrangeAsync();
        var experiment = await host.InsertExperimentAsync();

        using var response = await callers.ViewerToken.GetAsync($"{Path}/{experiment.PublicId}/export/csv", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CsvHeader, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task ExportCsv_UnknownExperiment_Returns404()
    {
        var (_, callers) = await ArrangeAsync();

        using var unknown = await callers.ViewerClient.GetAsync($"{Path}/nope/export/csv", Ct);
        using var unknownUuid = await callers.ViewerClient.GetAsync($"{Path}/{Guid.Empty}/export/csv", Ct);

        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "Experiment 'nope' not found.");
        await unknownUuid.AssertErrorAsync(HttpStatusCode.NotFound, $"Experiment '{Guid.Empty}' not found.");
    }

    [Theory]
    [InlineData("Café — test ✓", "experiment_Caf____test__", "experiment_Caf%C3%A9_%E2%80%94_test_%E2%9C%93")]
    [InlineData("Run \"q\" \\ x", "experiment_Run__q____x", "experiment_Run_%22q%22_%5C_x")]
    [InlineData("tab\there", "experiment_tab_here", "experiment_tab%09here")]
    [InlineData("日本語", "experiment____", "experiment_%E6%97%A5%E6%9C%AC%E8%AA%9E")]
    public async Task ExportCsv_NameOutsidePrintableAscii_SendsAnAsciiFilenameAndAnRfc5987Filename(string prefix, string ascii, string encoded)
    {
        var (host, callers) = await ArrangeAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var experiment = await host.InsertExperimentAsync($"{prefix} {suffix}");
        var sensor = await host.InsertEventAsync();
        await host.InsertDatapointsAsync(sensor.Id, experiment.Id, (DateTime.UtcNow, 1.5));
        var pid = experiment.PublicId.ToString()[..8];

        using var response = await callers.ViewerClient.GetAsync($"{Path}/{experiment.PublicId}/export/csv", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            $"attachment; filename=\"{ascii}_{suffix}_{pid}.csv\"; filename*=UTF-8''{encoded}_{suffix}_{pid}.csv",
            response.Content.Headers.GetValues("Content-Disposition").Single());
        var expectedName = $"experiment_{prefix.Replace(' ', '_').Replace('/', '-')}_{suffix}_{pid}.csv";
        Assert.Equal(expectedName, response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(2, (await response.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
