using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Security;
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

        datapoints.MapGet(string.Empty, async (HttpContext context, DatapointService service) =>
            {
                var query = new QueryValidator(context.Request);
                var page = query.Page();
                if (!query.IsValid)
                {
                    return query.Result();
                }

                var result = await service.ListAsync(page.Skip, page.PageSize, context.RequestAborted).ConfigureAwait(false);
                return Replies.Json(
                    new Paginated<DatapointResponse>(page.Page, page.PageSize, result.Total, [.. result.Items.Select(DatapointResponse.From)]),
                    DatapointsJsonContext.Web.PaginatedDatapointResponse);
            })
            .WithName("ListDatapoints")
            .RequireAuthorization(WebMacsPolicies.Viewer)
            .Produces<Paginated<DatapointResponse>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        datapoints.MapPost(string.Empty, async (HttpContext context, DatapointService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var value = fields.RequiredDouble("value");
                    var eventPublicId = fields.RequiredString("event_public_id");
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var created = await service.CreateAsync(value!.Value, eventPublicId!, context.RequestAborted).ConfigureAwait(false);
                    return created.Map(() => Replies.Created("1 datapoint successfully created."));
                }
            })
            .WithName("CreateDatapoint")
            .RequireAuthorization(WebMacsPolicies.Operator)
            .Accepts<DatapointCreateRequest>("application/json")
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        datapoints.MapPost("/batch", async (HttpContext context, DatapointIngestion ingestion) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
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

                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var result = await ingestion.IngestAsync(items, context.RequestAborted).ConfigureAwait(false);
                    return Replies.Created(string.Create(CultureInfo.InvariantCulture, $"{result.Accepted} datapoints successfully created."));
                }
            })
            .WithName("CreateDatapointsBatch")
            .RequireAuthorization(WebMacsPolicies.Operator)
            .Accepts<DatapointBatchRequest>("application/json")
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        datapoints.MapPost("/series", async (HttpContext context, DatapointService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var ids = fields.RequiredArray("event_public_ids", 1, 20) is { } array ? fields.StringItems("event_public_ids", array) : null;

                    // Defaults apply only when the field is absent; an explicit null is not an integer.
                    var minutes = fields.Has("minutes") ? fields.RequiredInt("minutes", 1, 14400) : 60;
                    var maxPoints = fields.Has("max_points") ? fields.RequiredInt("max_points", 10, 2000) : 500;
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var series = await service.SeriesAsync(ids!, minutes!.Value, maxPoints!.Value, context.RequestAborted).ConfigureAwait(false);
                    var response = series.ToDictionary(s => s.Key, s => s.Value.Select(DatapointResponse.From).ToList(), StringComparer.Ordinal);
                    return Replies.Json(response, DatapointsJsonContext.Web.DictionaryStringListDatapointResponse);
                }
            })
            .WithName("GetDatapointSeries")
            .RequireAuthorization(WebMacsPolicies.Viewer)
            .Accepts<DatapointSeriesRequest>("application/json")
            .Produces<Dictionary<string, List<DatapointResponse>>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        datapoints.MapGet("/latest", async (HttpContext context, DatapointService service) =>
            {
                var latest = await service.LatestAsync(context.RequestAborted).ConfigureAwait(false);
                return Replies.Json([.. latest.Select(DatapointResponse.From)], DatapointsJsonContext.Web.ListDatapointResponse);
            })
            .WithName("GetLatestDatapoints")
            .RequireAuthorization(WebMacsPolicies.Viewer)
            .Produces<List<DatapointResponse>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        datapoints.MapGet("/{public_id}", async (string public_id, HttpContext context, DatapointService service) =>
                (await service.GetAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(view => Replies.Json(DatapointResponse.From(view), DatapointsJsonContext.Web.DatapointResponse)))
            .WithName("GetDatapoint")
            .RequireAuthorization(WebMacsPolicies.Viewer)
            .Produces<DatapointResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        datapoints.MapDelete("/{public_id}", async (string public_id, HttpContext context, DatapointService service) =>
                (await service.DeleteAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(() => Replies.Ok("Datapoint successfully deleted.")))
            .WithName("DeleteDatapoint")
            .RequireAuthorization(WebMacsPolicies.Operator)
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
