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

        experiments.MapGet(string.Empty, (HttpContext context, ExperimentService service) =>
                context.PageAsync((page, ct) => service.ListAsync(page.Skip, page.PageSize, ct), ExperimentResponse.From,
                    WebMacsJsonContext.Web.PaginatedExperimentResponse))
            .WithName("ListExperiments")
            .ForViewers()
            .ProducesPage<ExperimentResponse>();

        experiments.MapPost(string.Empty, (HttpContext context, ExperimentService service) =>
                context.WithBodyAsync(
                    fields => fields.RequiredString("name", 1, MaxName),
                    async name => (await service.CreateAsync(context.GetWebMacsCaller().User, name!, context.RequestAborted).ConfigureAwait(false))
                        .Map(_ => Replies.Created("Experiment successfully created."))))
            .WithName("CreateExperiment")
            .ForOperators()
            .WithJsonBody<ExperimentCreateRequest>()
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        experiments.MapGet("/{public_id}", async (string public_id, HttpContext context, ExperimentService service) =>
                (await service.GetAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(row => Replies.Json(ExperimentResponse.From(row), WebMacsJsonContext.Web.ExperimentResponse)))
            .WithName("GetExperiment")
            .ForViewers()
            .Produces<ExperimentResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        experiments.MapPut("/{public_id}", (string public_id, HttpContext context, ExperimentService service) =>
                context.WithBodyAsync(
                    fields => (Name: fields.OptionalString("name", 0, MaxName), NullSent: fields.IsNull("name")),
                    async body => (await service.UpdateAsync(public_id, body.Name, body.NullSent, context.RequestAborted).ConfigureAwait(false))
                        .Map(() => Replies.Ok("Experiment successfully updated."))))
            .WithName("UpdateExperiment")
            .ForOperators()
            .WithJsonBody<ExperimentUpdateRequest>()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        experiments.MapPut("/{public_id}/stop", async (string public_id, HttpContext context, ExperimentService service) =>
                (await service.StopAsync(context.GetWebMacsCaller().User, public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(() => Replies.Ok("Experiment successfully stopped.")))
            .WithName("StopExperiment")
            .ForOperators()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        experiments.MapGet("/{public_id}/export/csv", async (string public_id, HttpContext context, ExperimentCsvExporter exporter) =>
                (await exporter.FindAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(file => (IResult)new ExperimentCsvResult(exporter, file)))
            .WithName("ExportExperimentCsv")
            .ForViewers()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);

        experiments.MapDelete("/{public_id}", async (string public_id, HttpContext context, ExperimentService service) =>
                (await service.DeleteAsync(public_id, context.RequestAborted).ConfigureAwait(false)).Map(() => Replies.Ok("Experiment successfully deleted.")))
            .WithName("DeleteExperiment")
            .ForOperators()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
