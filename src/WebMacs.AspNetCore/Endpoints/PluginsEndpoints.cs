using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Security;
using WebMacs.Plugins;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>
/// Plugin instances and the plugin catalogue (reference §4.3 routes 67 and 71–75, §6.7). Channel mappings and
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
                    PluginsJsonContext.Web.IReadOnlyListPluginMetaResponse))
            .WithName("ListAvailablePlugins")
            .RequireAuthorization(WebMacsPolicies.Viewer)
            .Produces<IReadOnlyList<PluginMetaResponse>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        plugins.MapGet(string.Empty, async (HttpContext context, PluginInstanceService service) =>
            {
                var query = new QueryValidator(context.Request);
                var page = query.Page();
                if (!query.IsValid)
                {
                    return query.Result();
                }

                var result = await service.ListAsync(page.Skip, page.PageSize, context.RequestAborted).ConfigureAwait(false);
                return Replies.Json(
                    new Paginated<PluginInstanceResponse>(page.Page, page.PageSize, result.Total, [.. result.Items.Select(PluginInstanceResponse.From)]),
                    PluginsJsonContext.Web.PaginatedPluginInstanceResponse);
            })
            .WithName("ListPluginInstances")
            .RequireAuthorization(WebMacsPolicies.Viewer)
            .Produces<Paginated<PluginInstanceResponse>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        plugins.MapPost(string.Empty, async (HttpContext context, PluginInstanceService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var pluginId = fields.RequiredString("plugin_id", 1, 100);
                    var instanceName = fields.RequiredString("instance_name", 1, 255);
                    var demoMode = fields.BoolWithDefault("demo_mode") ?? false;
                    var enabled = fields.BoolWithDefault("enabled") ?? true;
                    var autoCreateEvents = fields.BoolWithDefault("auto_create_events") ?? true;
                    var configJson = fields.OptionalString("config_json");
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var draft = new PluginInstanceDraft(pluginId!, instanceName!, demoMode, enabled, autoCreateEvents, configJson);
                    var created = await service.CreateAsync(context.GetWebMacsCaller().User, draft, context.RequestAborted).ConfigureAwait(false);
                    return created.Map(() => Replies.Created("Plugin instance created."));
                }
            })
            .WithName("CreatePluginInstance")
            .RequireAuthorization(WebMacsPolicies.Admin)
            .Accepts<PluginInstanceCreateRequest>("application/json")
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        plugins.MapGet("/{public_id}", async (string public_id, HttpContext context, PluginInstanceService service) =>
                (await service.GetAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(view => Replies.Json(PluginInstanceResponse.From(view), PluginsJsonContext.Web.PluginInstanceResponse)))
            .WithName("GetPluginInstance")
            .RequireAuthorization(WebMacsPolicies.Viewer)
            .Produces<PluginInstanceResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        plugins.MapPut("/{public_id}", async (string public_id, HttpContext context, PluginInstanceService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var changes = new PluginInstanceChanges(
                        fields.OptionalString("instance_name", 1, 255),
                        fields.OptionalBool("demo_mode"),
                        fields.OptionalBool("enabled"),
                        ConfigJsonSent: fields.Has("config_json"),
                        fields.OptionalString("config_json"),
                        NullSent: fields.IsNull("instance_name") || fields.IsNull("demo_mode") || fields.IsNull("enabled"));
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var updated = await service.UpdateAsync(public_id, changes, context.RequestAborted).ConfigureAwait(false);
                    return updated.Map(() => Replies.Ok("Plugin instance successfully updated."));
                }
            })
            .WithName("UpdatePluginInstance")
            .RequireAuthorization(WebMacsPolicies.Admin)
            .Accepts<PluginInstanceUpdateRequest>("application/json")
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        plugins.MapDelete("/{public_id}", async (string public_id, HttpContext context, PluginInstanceService service) =>
                (await service.DeleteAsync(public_id, context.RequestAborted).ConfigureAwait(false)).Map(() => Replies.Ok("Plugin instance successfully deleted.")))
            .WithName("DeletePluginInstance")
            .RequireAuthorization(WebMacsPolicies.Admin)
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
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
