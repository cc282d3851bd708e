using System.Data;
using Microsoft.EntityFrameworkCore;
using WebMacs.Common;
using WebMacs.Domain;
using WebMacs.Persistence;

namespace WebMacs.Datapoints;

/// <summary>Datapoint reads, single creation and deletion (reference §4.3 routes 29–35, §4.5).</summary>
internal sealed class DatapointService(WebMacsDbContext db, DatapointIngestion ingestion, TimeProvider time)
{
    private const string Entity = "Datapoint";
    public const string EventNotFound = "Event not found.";
    public const string EventNotLinked = "Event is not linked to an enabled plugin instance.";

    /// <summary>Lists datapoints newest first (ties: newest row first); the total counts every datapoint.</summary>
    public async Task<PageResult<DatapointView>> ListAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var total = await db.Datapoints.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await db.Datapoints.AsNoTracking()
            .OrderByDescending(d => d.Timestamp).ThenByDescending(d => d.Id)
            .Skip(skip).Take(take)
            .Select(DatapointView.FromRow)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PageResult<DatapointView>(items, total);
    }

    /// <summary>
    /// Gets, per event with data, its newest datapoint (greatest timestamp, ties: greatest id). One query: a
    /// correlated "top 1" per event served by the (event, timestamp) index, so its cost follows the number of events,
    /// not of datapoints.
    /// </summary>
    public async Task<IReadOnlyList<DatapointView>> LatestAsync(CancellationToken cancellationToken)
    {
        // Per event: its newest timestamp (one backward step in the (event_id, timestamp) index), then the greatest id at
        // that timestamp (one more index probe). Ordering by (timestamp, id) and taking the first row instead costs a
        // sort per event, because the index does not hold the id: about six times slower with 500 events.
        var newestIds = await db.Events
            .Select(e => db.Datapoints
                .Where(d => d.EventId == e.Id && d.Timestamp == db.Datapoints.Where(x => x.EventId == e.Id).Max(x => (DateTime?)x.Timestamp))
                .Max(d => (long?)d.Id))
            .Where(id => id != null)
            .Select(id => id!.Value)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // Then those rows by primary key, as a second query: inside one statement PostgreSQL planned the outer lookup as
        // a hash join over the whole table (a sequential scan of every datapoint on every dashboard poll, 23 of 42 ms
        // at 90,000 rows and growing with the table); by a list of ids it is one index probe per event.
        return await db.Datapoints.AsNoTracking()
            .Where(d => newestIds.Contains(d.Id))
            .Select(DatapointView.FromRow)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Outcome<DatapointView>> GetAsync(string publicId, CancellationToken cancellationToken)
    {
        if (!DatapointId.TryParse(publicId, out var id))
        {
            return Outcome.NotFound(Entity, publicId);
        }

        var view = await db.Datapoints.AsNoTracking().Where(d => d.Id == id).Select(DatapointView.FromRow)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return view is null ? Outcome.NotFound(Entity, publicId) : view;
    }

    public async Task<Outcome> DeleteAsync(string publicId, CancellationToken cancellationToken)
    {
        if (!DatapointId.TryParse(publicId, out var id))
        {
            return Outcome.NotFound(Entity, publicId);
        }

        var deleted = await db.Datapoints.Where(d => d.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted == 0 ? Outcome.NotFound(Entity, publicId) : Outcome.Ok;
    }

    /// <summary>
    /// Stores one datapoint (route 30): unlike the batch, an unknown event answers 404 and an unlinked one 409
    /// before the shared ingestion pipeline runs.
    /// </summary>
    public async Task<Outcome> CreateAsync(double value, string eventPublicId, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParse(eventPublicId, out var eventGuid))
        {
            return Outcome.NotFound(EventNotFound);
        }

        var eventId = await db.Events.Where(e => e.PublicId == eventGuid).Select(e => (int?)e.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (eventId is null)
        {
            return Outcome.NotFound(EventNotFound);
        }

        if (!await ingestion.IsLinkedAsync(eventId.Value, cancellationToken).ConfigureAwait(false))
        {
            return new Outcome(OutcomeStatus.Conflict, EventNotLinked);
        }

        var result = await ingestion.IngestAsync([(value, eventGuid)], cancellationToken).ConfigureAwait(false);
        return result.Accepted == 1 ? Outcome.Ok : new Outcome(OutcomeStatus.Conflict, EventNotLinked);
    }

    /// <summary>
    /// Gets the last <paramref name="minutes"/> of data for each requested event id, oldest first, downsampled to at
    /// most <paramref name="maxPoints"/> (reference §4.5). The result has one entry per distinct requested id, in
    /// request order; ids that match no event get an empty list.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DatapointView>>> SeriesAsync(
        IReadOnlyList<string> eventPublicIds, int minutes, int maxPoints, CancellationToken cancellationToken)
    {
        var requested = eventPublicIds.Distinct(StringComparer.Ordinal).ToList();
        var guids = requested.Select(r => PublicIds.TryParse(r, out var g) ? g : (Guid?)null).OfType<Guid>().Distinct().ToList();
        var events = await db.Events.AsNoTracking().Where(e => guids.Contains(e.PublicId)).Select(e => new { e.Id, e.PublicId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var eventIds = events.Select(e => e.Id).ToList();
        var cutoff = time.GetUtcNow().UtcDateTime.AddMinutes(-minutes);

        var samples = new Dictionary<Guid, IReadOnlyList<DatapointView>>();
        if (eventIds.Count > 0)
        {
            // Count, then stream and sample: memory stays bounded by max_points however many rows are in range. One
            // snapshot for both reads, so rows committed in between cannot shift the indices.
            var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var inRange = db.Datapoints.AsNoTracking().Where(d => eventIds.Contains(d.EventId) && d.Timestamp >= cutoff);
                var counts = await inRange.GroupBy(d => d.EventId).Select(g => new { g.Key, Count = g.Count() })
                    .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken).ConfigureAwait(false);
                var samplers = events.Where(e => counts.ContainsKey(e.Id))
                    .ToDictionary(e => e.PublicId, e => new SeriesSampler<DatapointView>(counts[e.Id], maxPoints));
                var rows = inRange.OrderBy(d => d.EventId).ThenBy(d => d.Timestamp).ThenBy(d => d.Id).Select(DatapointView.FromRow);
                await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    if (samplers.TryGetValue(row.EventPublicId, out var sampler))
                    {
                        sampler.Offer(row);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                foreach (var (eventPublicId, sampler) in samplers)
                {
                    samples[eventPublicId] = sampler.Points;
                }
            }
        }

        var result = new Dictionary<string, IReadOnlyList<DatapointView>>(StringComparer.Ordinal);
        foreach (var id in requested)
        {
            result[id] = PublicIds.TryParse(id, out var g) && samples.TryGetValue(g, out var points) ? points : [];
        }

        return result;
    }
}
