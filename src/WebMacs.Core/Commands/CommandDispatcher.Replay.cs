using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace WebMacs.Commands;

// Catching up after a (re)connect: the latest stored value of every output of the newly announced instances goes out as
// a command, so a value committed while the controller was away is applied once it is back.
internal sealed partial class CommandDispatcher
{
    /// <summary>
    /// Queues to <paramref name="connection"/>, for each output channel of <paramref name="instances"/> that is mapped to
    /// an event with data, one command with the event's latest stored value (greatest timestamp, ties: greatest id) —
    /// unless that value is the one this controller (same <c>source</c>) reported itself. Bidirectional channels are left
    /// out: the device may have changed them while offline (its buffered reading arrives after the hello), and an older
    /// stored value must not overwrite that. Runs after the
    /// connection is registered and excludes live pushes meanwhile, so no newer live value is overtaken and none is
    /// missed. A failure is logged and leaves the connection working (live pushes go on). Returns how many were queued.
    /// </summary>
    public async Task<int> ReplayAsync(IControllerConnection connection, IReadOnlyCollection<Guid> instances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(instances);
        if (instances.Count == 0)
        {
            return 0;
        }

        try
        {
            var map = await outputs.GetAsync(cancellationToken).ConfigureAwait(false);
            var wanted = map
                .Select(pair => (EventId: pair.Key, Channels: pair.Value.Where(c => !c.IsBidirectional && instances.Contains(c.PluginInstanceId)).ToArray()))
                .Where(pair => pair.Channels.Length > 0)
                .ToDictionary(pair => pair.EventId, pair => pair.Channels);
            if (wanted.Count == 0)
            {
                return 0;
            }

            await ordering.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var queued = 0;
                foreach (var row in await LatestAsync([.. wanted.Keys], cancellationToken).ConfigureAwait(false))
                {
                    if (IsOwnValue(connection, row))
                    {
                        continue;
                    }

                    foreach (var channel in wanted[row.EventId])
                    {
                        Enqueue(connection, new ActuatorCommand(Guid.NewGuid(), channel.PluginInstanceId, channel.ChannelId, row.EventPublicId, row.Value));
                        queued++;
                    }
                }

                if (queued > 0)
                {
                    LogReplayed(logger, connection.Source, queued);
                }

                return queued;
            }
            finally
            {
                ordering.Release();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogReplayFailed(logger, ex, connection.Source);
            return 0;
        }
    }

    /// <summary>Gets the newest datapoint of each of <paramref name="eventIds"/> that has one (one correlated query, as for <c>/datapoints/latest</c>).</summary>
    private async Task<List<StoredValue>> LatestAsync(int[] eventIds, CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var newestIds = db.Events.Where(e => eventIds.Contains(e.Id)).Select(e => db.Datapoints
                .Where(d => d.EventId == e.Id)
                .OrderByDescending(d => d.Timestamp).ThenByDescending(d => d.Id)
                .Select(d => (long?)d.Id)
                .FirstOrDefault());
            return await db.Datapoints.AsNoTracking()
                .Where(d => newestIds.Contains(d.Id))
                .Select(d => new StoredValue(d.EventId, d.Event!.PublicId, d.Value, d.Timestamp))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Tells whether the stored value is the last one <paramref name="connection"/>'s controller reported itself (same
    /// source, value and timestamp, the latter to the microsecond that PostgreSQL keeps): echoing it would be pointless,
    /// and would overwrite what the device did since.
    /// </summary>
    private bool IsOwnValue(IControllerConnection connection, StoredValue row) =>
        connection.Source.Length > 0
        && reported.TryGetValue(row.EventId, out var own)
        && string.Equals(own.Source, connection.Source, StringComparison.Ordinal)
        && own.Value.Equals(row.Value)
        && Math.Abs((own.Timestamp - row.Timestamp).Ticks) < TimeSpan.TicksPerMicrosecond;

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller '{Source}' announced itself: {Count} commands with the latest stored output values queued.")]
    private static partial void LogReplayed(ILogger logger, string source, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The latest output values could not be sent to controller '{Source}'; new values are still pushed.")]
    private static partial void LogReplayFailed(ILogger logger, Exception exception, string source);

    /// <summary>The newest stored datapoint of an event.</summary>
    private readonly record struct StoredValue(int EventId, Guid EventPublicId, double Value, DateTime Timestamp);
}
