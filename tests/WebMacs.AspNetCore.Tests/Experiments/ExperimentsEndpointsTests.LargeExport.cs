using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WebMacs.AspNetCore.Tests.Events;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Experiments;

// The export streams: 200,000 rows arrive as a chunked body that is read as it comes.
public abstract partial class ExperimentsEndpointsTests
{
    private const int LargeRowCount = 200_000;

    [Fact]
    public async Task ExportCsv_200kDatapoints_StreamsEveryRowInOrder()
    {
        var (host, callers) = await ArrangeAsync();
        var sensor = await host.InsertEventAsync(unit: "V");
        var experiment = await host.InsertExperimentAsync();
        await InsertSeriesAsync(host, sensor.Id, experiment.Id, LargeRowCount);
        var (firstId, lastId) = await host.WithDbAsync(async db =>
        {
            var ids = db.Datapoints.Where(d => d.ExperimentId == experiment.Id).Select(d => d.Id);
            return (await ids.MinAsync(Ct), await ids.MaxAsync(Ct));
        });

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Path}/{experiment.PublicId}/export/csv");
        using var response = await callers.ViewerClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.True(response.Headers.TransferEncodingChunked);

        var (lines, bareLineFeeds, head, tail) = await ScanLinesAsync(await response.Content.ReadAsStreamAsync(Ct));

        Assert.Equal(LargeRowCount + 1, lines);
        Assert.Equal(0, bareLineFeeds);
        var headLines = head.Split("\r\n");
        Assert.Equal(CsvHeader.TrimEnd(), headLines[0]);
        Assert.Equal($"2025-01-01T00:00:01+00:00,{sensor.Name},{sensor.PublicId},0.25,V,{DatapointId.ToPublicId(firstId)}", headLines[1]);
        var tailLines = tail.Split("\r\n");
        Assert.Equal(string.Empty, tailLines[^1]);
        Assert.Equal($"2025-01-03T07:33:20+00:00,{sensor.Name},{sensor.PublicId},50000.0,V,{DatapointId.ToPublicId(lastId)}", tailLines[^2]);
    }

    /// <summary>Inserts <paramref name="count"/> datapoints in one statement: row n at 2025-01-01 + n s with value n / 4.</summary>
    private async Task InsertSeriesAsync(WebMacsTestHost host, int eventId, int experimentId, int count)
    {
        var inserted = await host.WithDbAsync(db => Store == TestStore.Postgres
            ? db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO datapoints (event_id, experiment_id, "timestamp", value)
                SELECT {eventId}, {experimentId}, timestamptz '2025-01-01 00:00:00+00' + make_interval(secs => n), n / 4.0
                FROM generate_series(1, {count}) AS n
                """, Ct)
            : db.Database.ExecuteSqlAsync(
                $"""
                WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < {count})
                INSERT INTO datapoints (event_id, experiment_id, "timestamp", value)
                SELECT {eventId}, {experimentId}, strftime('%Y-%m-%d %H:%M:%S', 1735689600 + n, 'unixepoch'), n / 4.0 FROM seq
                """, Ct));
        Assert.Equal(count, inserted);
    }

    /// <summary>Reads a body chunk by chunk, counting CRLF-terminated lines and keeping only its first and last bytes.</summary>
    private static async Task<(int Lines, int BareLineFeeds, string Head, string Tail)> ScanLinesAsync(Stream body)
    {
        const int Keep = 512;
        var buffer = new byte[16 * 1024];
        var head = new List<byte>(Keep);
        var tail = new Queue<byte>(Keep);
        int lines = 0, bare = 0, read;
        byte previous = 0;
        while ((read = await body.ReadAsync(buffer, Ct)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (b == (byte)'\n')
                {
                    lines++;
                    bare += previous == (byte)'\r' ? 0 : 1;
                }

                if (head.Count < Keep)
                {
                    head.Add(b);
                }

                if (tail.Count == Keep)
                {
                    tail.Dequeue();
                }

                tail.Enqueue(b);
                previous = b;
            }
        }

        return (lines, bare, Encoding.UTF8.GetString([.. head]), Encoding.UTF8.GetString([.. tail]));
    }
}
