using WebMacs.Datapoints;

namespace WebMacs.AspNetCore.Endpoints;

// Bodies of the datapoints routes (reference §4.2 DatapointResponse, §4.3 routes 29–35). Written in snake_case.

/// <summary>One datapoint: its derived public id, value, server timestamp, event and (running) experiment.</summary>
internal sealed record DatapointResponse(string PublicId, double Value, DateTime Timestamp, Guid EventPublicId, Guid? ExperimentPublicId)
{
    public static DatapointResponse From(DatapointView view) =>
        new(view.PublicId, view.Value, view.Timestamp, view.EventPublicId, view.ExperimentPublicId);
}

/// <summary>The body of <c>POST /datapoints</c> (and one item of a batch).</summary>
internal sealed record DatapointCreateRequest(double Value, string EventPublicId);

/// <summary>The body of <c>POST /datapoints/batch</c>: 0 to 500 datapoints.</summary>
internal sealed record DatapointBatchRequest(IReadOnlyList<DatapointCreateRequest> Datapoints);

/// <summary>The body of <c>POST /datapoints/series</c>: 1 to 20 event ids, 1–14400 minutes (60), 10–2000 points (500).</summary>
internal sealed record DatapointSeriesRequest(IReadOnlyList<string> EventPublicIds, int Minutes = 60, int MaxPoints = 500);
