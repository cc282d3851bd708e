using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;
using WebMacs.Common;
using WebMacs.Datapoints;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>Datapoints (reference §4.3 routes 29–35, series §4.5); ingestion goes through <see cref="DatapointIngestion"/>.</summary>
internal static class DatapointsEndpoints
{
    public const int MaxBatch = 500;

    public static void Map(IEndpointRouteBuilder api)
    {
        var datapoints = api.MapGroup("/datapoints").WithTags("Datapoints");

        datapoints.MapGet(string.Empty, (HttpContext context, DatapointService service) =>
                context.PageAsync((page, ct) => service.ListAsync(page.Skip, page.PageSize, ct), DatapointResponse.From, WebMacsJsonContext.Web.PaginatedDatapointResponse))
            .WithName("ListDatapoints")
            .ForViewers()
            .Produces<Paginated<DatapointResponse>>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        datapoints.MapPost(string.Empty, (HttpContext context, DatapointService service) =>
                context.WithBodyAsync(
                    fields => (Value: fields.RequiredDouble("value"), EventPublicId: fields.RequiredString("event_public_id")),
                    async body => (await service.CreateAsync(body.Value!.Value, body.EventPublicId!, context.RequestAborted).ConfigureAwait(false))
                        .Map(() => Replies.Created("1 datapoint successfully created."))))
            .WithName("CreateDatapoint")
            .ForOperators()
            .Accepts<DatapointCreateRequest>("application/json")
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        datapoints.MapPost("/batch", (HttpContext context, DatapointIngestion ingestion) =>
                context.WithBodyAsync(ReadBatch, async items =>
                {
                    var result = await ingestion.IngestAsync(items, context.RequestAborted).ConfigureAwait(false);
                    return Replies.Created(string.Create(CultureInfo.InvariantCulture, $"{result.Accepted} datapoints successfully created."));
                }))
            .WithName("CreateDatapointsBatch")
            .ForOperators()
            .Accepts<DatapointBatchRequest>("application/json")
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        datapoints.MapPost("/series", (HttpContext context, DatapointService service) =>
                context.WithBodyAsync(
                    // Defaults apply only when the field is absent; an explicit null is not an integer.
                    fields => (
                        Ids: fields.RequiredArray("event_public_ids", 1, 20) is { } array ? fields.StringItems("event_public_ids", array) : null,
                        Minutes: fields.Has("minutes") ? fields.RequiredInt("minutes", 1, 14400) : 60,
                        MaxPoints: fields.Has("max_points") ? fields.RequiredInt("max_points", 10, 2000) : 500),
                    async body =>
                    {
                        var series = await service.SeriesAsync(body.Ids!, body.Minutes!.Value, body.MaxPoints!.Value, context.RequestAborted).ConfigureAwait(false);
                        var response = series.ToDictionary(s => s.Key, s => s.Value.Select(DatapointResponse.From).ToList(), StringComparer.Ordinal);
                        return Replies.Json(response, WebMacsJsonContext.Web.DictionaryStringListDatapointResponse);
                    }))
            .WithName("GetDatapointSeries")
            .ForViewers()
            .Accepts<DatapointSeriesRequest>("application/json")
            .Produces<Dictionary<string, List<DatapointResponse>>>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        datapoints.MapGet("/latest", async (HttpContext context, DatapointService service) =>
            {
                var latest = await service.LatestAsync(context.RequestAborted).ConfigureAwait(false);
                return Replies.Json([.. latest.Select(DatapointResponse.From)], WebMacsJsonContext.Web.ListDatapointResponse);
            })
            .WithName("GetLatestDatapoints")
            .ForViewers()
            .Produces<List<DatapointResponse>>();

        datapoints.MapGet("/{public_id}", async (string public_id, HttpContext context, DatapointService service) =>
                (await service.GetAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(view => Replies.Json(DatapointResponse.From(view), WebMacsJsonContext.Web.DatapointResponse)))
            .WithName("GetDatapoint")
            .ForViewers()
            .Produces<DatapointResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        datapoints.MapDelete("/{public_id}", async (string public_id, HttpContext context, DatapointService service) =>
                (await service.DeleteAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(() => Replies.Ok("Datapoint successfully deleted.")))
            .WithName("DeleteDatapoint")
            .ForOperators()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Reads the body of <c>POST /datapoints/batch</c>: the items whose value and event id are usable.</summary>
    private static List<(double Value, Guid EventPublicId)> ReadBatch(BodyValidator fields)
    {
        var items = new List<(double Value, Guid EventPublicId)>();
        if (fields.RequiredArray("datapoints", 0, MaxBatch) is { } array)
        {
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                var item = fields.Item("datapoints", index++, element);
                var value = item.RequiredDouble("value");
                var eventPublicId = item.RequiredString("event_public_id");

                // An id that is no UUID names no event: dropped like any unknown event.
                if (value is { } v && PublicIds.TryParse(eventPublicId, out var id))
                {
                    items.Add((v, id));
                }
            }
        }

        return items;
    }
}
