using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Security;
using WebMacs.Domain;
using WebMacs.Webhooks;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>Webhook administration and the delivery log (reference §4.3 routes 40–45, all admin).</summary>
internal static partial class WebhooksEndpoints
{
    private const string UrlPattern = "^https?://";
    private const int MaxUrl = 2048;
    private const int MaxSecret = 255;

    public static void Map(IEndpointRouteBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks").ForAdmins();

        webhooks.MapGet(string.Empty, (HttpContext context, WebhookService service) =>
                context.PageAsync((page, ct) => service.ListAsync(page.Skip, page.PageSize, ct), WebhookResponse.From, WebMacsJsonContext.Web.PaginatedWebhookResponse))
            .WithName("ListWebhooks")
            .Produces<Paginated<WebhookResponse>>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        webhooks.MapPost(string.Empty, (HttpContext context, WebhookService service) =>
                context.WithBodyAsync(
                    fields => (
                        Url: fields.RequirePattern("url", fields.RequiredString("url", 1, MaxUrl), UrlRegex(), UrlPattern),
                        Secret: fields.OptionalString("secret", 0, MaxSecret),
                        Events: fields.RequiredArray("events", 1) is { } array ? fields.EnumItems<WebhookEventType>("events", array) : null,
                        Enabled: !fields.Has("enabled") || fields.RequiredBool("enabled") is not false),
                    async body =>
                    {
                        var caller = context.GetWebMacsCaller().User;
                        var created = await service.CreateAsync(caller.Id, body.Url!, body.Secret, body.Events!, body.Enabled, context.RequestAborted).ConfigureAwait(false);
                        return created.Map(() => Replies.Created("Webhook successfully created."));
                    }))
            .WithName("CreateWebhook")
            .Accepts<WebhookCreateRequest>("application/json")
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        webhooks.MapGet("/{public_id}", async (string public_id, HttpContext context, WebhookService service) =>
                (await service.GetAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(view => Replies.Json(WebhookResponse.From(view), WebMacsJsonContext.Web.WebhookResponse)))
            .WithName("GetWebhook")
            .Produces<WebhookResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapPut("/{public_id}", (string public_id, HttpContext context, WebhookService service) =>
                context.WithBodyAsync(
                    fields => new WebhookChanges(
                        fields.RequirePattern("url", fields.OptionalString("url", 0, MaxUrl), UrlRegex(), UrlPattern),
                        fields.OptionalString("secret", 0, MaxSecret),
                        ClearSecret: fields.IsNull("secret"),
                        fields.OptionalArray("events") is { } array ? fields.EnumItems<WebhookEventType>("events", array) : null,
                        fields.OptionalBool("enabled"),
                        NullSent: fields.IsNull("url") || fields.IsNull("events") || fields.IsNull("enabled")),
                    async changes => (await service.UpdateAsync(public_id, changes, context.RequestAborted).ConfigureAwait(false))
                        .Map(() => Replies.Ok("Webhook successfully updated."))))
            .WithName("UpdateWebhook")
            .Accepts<WebhookUpdateRequest>("application/json")
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        webhooks.MapDelete("/{public_id}", async (string public_id, HttpContext context, WebhookService service) =>
                (await service.DeleteAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(() => Replies.Ok("Webhook successfully deleted.")))
            .WithName("DeleteWebhook")
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapGet("/{public_id}/deliveries", async (string public_id, HttpContext context, WebhookService service) =>
            {
                var query = new QueryValidator(context.Request);
                var page = query.Page();

                // Compat fix: an unknown status is a 422 (the original failed in the database).
                var status = query.Enum<WebhookDeliveryStatus>("status");
                if (!query.IsValid)
                {
                    return query.Result();
                }

                var result = await service.DeliveriesAsync(public_id, status, page.Skip, page.PageSize, context.RequestAborted).ConfigureAwait(false);
                return result.Map(list => Replies.Json(
                    new Paginated<WebhookDeliveryResponse>(page.Page, page.PageSize, list.Total, [.. list.Items.Select(WebhookDeliveryResponse.From)]),
                    WebMacsJsonContext.Web.PaginatedWebhookDeliveryResponse));
            })
            .WithName("ListWebhookDeliveries")
            .Produces<Paginated<WebhookDeliveryResponse>>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    [GeneratedRegex(UrlPattern, RegexOptions.CultureInvariant)]
    private static partial Regex UrlRegex();
}
