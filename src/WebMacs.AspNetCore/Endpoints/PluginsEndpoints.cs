using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Security;
using WebMacs.Domain;
using WebMacs.Plugins;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>
/// Plugin instances and the plugin catalogue (reference §4.3 routes 67 and 71–75, §6.7) and the
/// controllers' status report <c>PUT /plugins/{public_id}/status</c> (an addition). Channel mappings and
/// packages are mapped by <see cref="PluginChannelsEndpoints"/> and <see cref="PluginPackagesEndpoints"/>; the literal
/// paths (<c>/available</c>, <c>/packages…</c>) take precedence over <c>/{public_id}</c> by routing rules.
/// </summary>
internal static partial class PluginsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var plugins = api.MapGroup("/plugins").WithTags("Plugins");

        plugins.MapGet("/available", (IPluginCatalog catalog, ILoggerFactory loggers) =>
                Replies.Json<IReadOnlyList<PluginMetaResponse>>([.. ListPlugins(catalog, loggers).Select(PluginMetaResponse.From)],
                    WebMacsJsonContext.Web.IReadOnlyListPluginMetaResponse))
            .WithName("ListAvailablePlugins")
            .ForViewers()
            .Produces<IReadOnlyList<PluginMetaResponse>>();

        plugins.MapGet(string.Empty, (HttpContext context, PluginInstanceService service) =>
                context.PageAsync((page, ct) => service.ListAsync(page.Skip, page.PageSize, ct), PluginInstanceResponse.From,
                    WebMacsJsonContext.Web.PaginatedPluginInstanceResponse))
            .WithName("ListPluginInstances")
            .ForViewers()
            .ProducesPage<PluginInstanceResponse>();

        plugins.MapPost(string.Empty, (HttpContext context, PluginInstanceService service) =>
                context.WithBodyAsync(
                    fields => (
                        PluginId: fields.RequiredString("plugin_id", 1, 100),
                        InstanceName: fields.RequiredString("instance_name", 1, 255),
                        DemoMode: fields.BoolWithDefault("demo_mode") ?? false,
                        Enabled: fields.BoolWithDefault("enabled") ?? true,
                        AutoCreateEvents: fields.BoolWithDefault("auto_create_events") ?? true,
                        ConfigJson: fields.OptionalString("config_json")),
                    async body =>
                    {
                        var draft = new PluginInstanceDraft(body.PluginId!, body.InstanceName!, body.DemoMode, body.Enabled, body.AutoCreateEvents, body.ConfigJson);
                        var created = await service.CreateAsync(context.GetWebMacsCaller().User, draft, context.RequestAborted).ConfigureAwait(false);
                        return created.Map(() => Replies.Created("Plugin instance created."));
                    }))
            .WithName("CreatePluginInstance")
            .ForAdmins()
            .WithJsonBody<PluginInstanceCreateRequest>()
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        plugins.MapGet("/{public_id}", async (string public_id, HttpContext context, PluginInstanceService service) =>
                (await service.GetAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(view => Replies.Json(PluginInstanceResponse.From(view), WebMacsJsonContext.Web.PluginInstanceResponse)))
            .WithName("GetPluginInstance")
            .ForViewers()
            .Produces<PluginInstanceResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        plugins.MapPut("/{public_id}", (string public_id, HttpContext context, PluginInstanceService service) =>
                context.WithBodyAsync(
                    fields => new PluginInstanceChanges(
                        fields.OptionalString("instance_name", 1, 255),
                        fields.OptionalBool("demo_mode"),
                        fields.OptionalBool("enabled"),
                        ConfigJsonSent: fields.Has("config_json"),
                        fields.OptionalString("config_json"),
                        NullSent: fields.IsNull("instance_name") || fields.IsNull("demo_mode") || fields.IsNull("enabled")),
                    async changes => (await service.UpdateAsync(public_id, changes, context.RequestAborted).ConfigureAwait(false))
                        .Map(() => Replies.Ok("Plugin instance successfully updated."))))
            .WithName("UpdatePluginInstance")
            .ForAdmins()
            .WithJsonBody<PluginInstanceUpdateRequest>()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        // An addition to the contract: edge controllers (AddUplink) report the health of the instances they run here.
        plugins.MapPut("/{public_id}/status", (string public_id, HttpContext context, PluginInstanceService service) =>
                context.WithBodyAsync(
                    fields => (Status: fields.RequiredEnum<PluginStatus>("status"), ErrorMessage: fields.OptionalString("error_message")),
                    async body => (await service.SetStatusAsync(public_id, body.Status!.Value, body.ErrorMessage, context.RequestAborted).ConfigureAwait(false))
                        .Map(() => Replies.Ok("Plugin instance status updated."))))
            .WithName("UpdatePluginInstanceStatus")
            .ForOperators()
            .WithJsonBody<PluginInstanceStatusRequest>()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        plugins.MapDelete("/{public_id}", async (string public_id, HttpContext context, PluginInstanceService service) =>
                (await service.DeleteAsync(public_id, context.RequestAborted).ConfigureAwait(false)).Map(() => Replies.Ok("Plugin instance successfully deleted.")))
            .WithName("DeletePluginInstance")
            .ForAdmins()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        PluginChannelsEndpoints.Map(plugins);
        PluginPackagesEndpoints.Map(plugins);
    }

    /// <summary>Lists the catalogue; a failing catalogue gives an empty list, as the original's discovery does.</summary>
    private static IReadOnlyList<PluginMeta> ListPlugins(IPluginCatalog catalog, ILoggerFactory loggers)
    {
        try
        {
            return catalog.ListPlugins();
        }
        catch (Exception ex)
        {
            LogCatalogFailed(loggers.CreateLogger(typeof(PluginsEndpoints)), ex);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Listing the available plugins failed; answering an empty list.")]
    private static partial void LogCatalogFailed(ILogger logger, Exception exception);
}
