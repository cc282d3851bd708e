using System.Linq.Expressions;
using WebMacs.Domain;

namespace WebMacs.Datapoints;

/// <summary>A stored datapoint with the public ids the API shows (reference §4.2 DatapointResponse).</summary>
internal sealed record DatapointView(long Id, double Value, DateTime Timestamp, Guid EventPublicId, Guid? ExperimentPublicId)
{
    /// <summary>Gets the projection from a row, translated to one query with the event and experiment joined.</summary>
    public static Expression<Func<Datapoint, DatapointView>> FromRow { get; } = d => new DatapointView(
        d.Id,
        d.Value,
        d.Timestamp,
        d.Event!.PublicId,
        d.ExperimentId == null ? null : (Guid?)d.Experiment!.PublicId);

    /// <summary>Gets the derived public id (see <see cref="DatapointId"/>).</summary>
    public string PublicId => DatapointId.ToPublicId(Id);
}
