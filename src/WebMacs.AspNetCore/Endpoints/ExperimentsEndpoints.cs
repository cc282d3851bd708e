using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Security;
using WebMacs.Experiments;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>Experiments and their CSV export (reference §4.3 routes 22–28, §4.4).</summary>
internal static class ExperimentsEndpoints
{
    private const int MaxName = 255;

    public static void Map(IEndpointRouteBuilder api)
    {
        var experiments = api.MapGroup("/experiments").WithTags("Experiments");

        experiments.MapGet(string.Empty, async (HttpContext context, ExperimentService service) =>
            {
                var query = new QueryValidator(context.Request);
                var page = query.Page();
                if (!query.IsValid)
                {
                    return query.Result();
                }

                var result = await service.ListAsync(page.Skip, page.PageSize, context.RequestAborted).ConfigureAwait(false);
                return Replies.Json(
                    new Paginated<ExperimentResponse>(page.Page, page.PageSize, result.Total, [.. result.Items.Select(ExperimentResponse.From)]),
                    ExperimentsJsonContext.Web.PaginatedExperimentResponse);
            })
            .WithName("ListExperiments")
            .RequireAuthorization(WebMacsPolicies.Viewer)
            .Produces<Paginated<ExperimentResponse>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        experiments.MapPost(string.Empty, async (HttpContext context, ExperimentService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var name = fields.RequiredString("name", 1, MaxName);
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var created = await service.CreateAsync(context.GetWebMacsCaller().User, name!, context.RequestAborted).ConfigureAwait(false);
                    return created.Map(_ => Replies.Created("Experiment successfully created."));
                }
            })
            .WithName("CreateExperiment")
            .RequireAuthorization(WebMacsPolicies.Operator)
            .Accepts<ExperimentCreateRequest>("application/json")
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        experiments.MapGet("/{public_id}", async (string public_id, HttpContext context, ExperimentService service) =>
                (await service.GetAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(row => Replies.Json(ExperimentResponse.From(row), ExperimentsJsonContext.Web.ExperimentResponse)))
            .WithName("GetExperiment")
            .RequireAuthorization(WebMacsPolicies.Viewer)
            .Produces<ExperimentResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        experiments.MapPut("/{public_id}", async (string public_id, HttpContext context, ExperimentService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var name = fields.OptionalString("name", 0, MaxName);
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var updated = await service.UpdateAsync(public_id, name, fields.IsNull("name"), context.RequestAborted).ConfigureAwait(false);
                    return updated.Map(() => Replies.Ok("Experiment successfully updated."));
                }
            })
            .WithName("UpdateExperiment")
            .RequireAuthorization(WebMacsPolicies.Operator)
            .Accepts<ExperimentUpdateRequest>("application/json")
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        experiments.MapPut("/{public_id}/stop", async (string public_id, HttpContext context, ExperimentService service) =>
                (await service.StopAsync(context.GetWebMacsCaller().User, public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(() => Replies.Ok("Experiment successfully stopped.")))
            .WithName("StopExperiment")
            .RequireAuthorization(WebMacsPolicies.Operator)
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        experiments.MapGet("/{public_id}/export/csv", async (string public_id, HttpContext context, ExperimentCsvExporter exporter) =>
                (await exporter.FindAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(file => (IResult)new ExperimentCsvResult(exporter, file)))
            .WithName("ExportExperimentCsv")
            .RequireAuthorization(WebMacsPolicies.Viewer)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        experiments.MapDelete("/{public_id}", async (string public_id, HttpContext context, ExperimentService service) =>
                (await service.DeleteAsync(public_id, context.RequestAborted).ConfigureAwait(false)).Map(() => Replies.Ok("Experiment successfully deleted.")))
            .WithName("DeleteExperiment")
            .RequireAuthorization(WebMacsPolicies.Operator)
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
