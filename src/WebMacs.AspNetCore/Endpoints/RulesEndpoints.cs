using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Security;
using WebMacs.Domain;
using WebMacs.Rules;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>Threshold rules (reference §4.3 routes 46–50, all operator+).</summary>
internal static class RulesEndpoints
{
    private const string HighRequired = "threshold_high is required for between/not_between operators";

    /// <summary>The rule columns that are NOT NULL: an explicit null in a PUT is an integrity conflict (409).</summary>
    private static readonly string[] NotNullFields = ["name", "event_public_id", "operator", "threshold", "action_type", "enabled", "cooldown_seconds"];

    public static void Map(IEndpointRouteBuilder api)
    {
        var rules = api.MapGroup("/rules").WithTags("Rules").RequireAuthorization(WebMacsPolicies.Operator);

        rules.MapGet(string.Empty, async (HttpContext context, RuleService service) =>
            {
                var query = new QueryValidator(context.Request);
                var page = query.Page();
                if (!query.IsValid)
                {
                    return query.Result();
                }

                var result = await service.ListAsync(page.Skip, page.PageSize, context.RequestAborted).ConfigureAwait(false);
                return Replies.Json(
                    new Paginated<RuleResponse>(page.Page, page.PageSize, result.Total, [.. result.Items.Select(RuleResponse.From)]),
                    RulesJsonContext.Web.PaginatedRuleResponse);
            })
            .WithName("ListRules")
            .Produces<Paginated<RuleResponse>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        rules.MapPost(string.Empty, async (HttpContext context, RuleService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var name = fields.RequiredString("name", 1, 255);
                    var eventPublicId = fields.RequiredString("event_public_id");
                    var op = fields.RequiredEnum<RuleOperator>("operator");
                    var threshold = fields.RequiredDouble("threshold");
                    var thresholdHigh = fields.OptionalDouble("threshold_high");
                    var actionType = fields.RequiredEnum<RuleActionType>("action_type");
                    var webhookEventType = fields.OptionalEnum<WebhookEventType>("webhook_event_type");
                    var enabled = !fields.Has("enabled") || fields.RequiredBool("enabled") is not false;
                    var cooldown = fields.Has("cooldown_seconds") ? fields.RequiredInt("cooldown_seconds", 0) : 60;
                    if (fields.IsValid && op is RuleOperator.Between or RuleOperator.NotBetween)
                    {
                        // The original's model validator runs only once every field is valid.
                        CheckThresholds(fields, threshold!.Value, thresholdHigh);
                    }

                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var draft = new RuleDraft(name!, eventPublicId!, op!.Value, threshold!.Value, thresholdHigh, actionType!.Value, webhookEventType, enabled, cooldown!.Value);
                    var created = await service.CreateAsync(context.GetWebMacsCaller().User.Id, draft, context.RequestAborted).ConfigureAwait(false);
                    return created.Map(() => Replies.Created("Rule successfully created."));
                }
            })
            .WithName("CreateRule")
            .Accepts<RuleCreateRequest>("application/json")
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        rules.MapGet("/{public_id}", async (string public_id, HttpContext context, RuleService service) =>
                (await service.GetAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(view => Replies.Json(RuleResponse.From(view), RulesJsonContext.Web.RuleResponse)))
            .WithName("GetRule")
            .Produces<RuleResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        rules.MapPut("/{public_id}", async (string public_id, HttpContext context, RuleService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var changes = new RuleChanges(
                        fields.OptionalString("name", 1, 255),
                        fields.OptionalString("event_public_id"),
                        fields.OptionalEnum<RuleOperator>("operator"),
                        fields.OptionalDouble("threshold"),
                        fields.OptionalDouble("threshold_high"),
                        ClearThresholdHigh: fields.IsNull("threshold_high"),
                        fields.OptionalEnum<RuleActionType>("action_type"),
                        fields.OptionalEnum<WebhookEventType>("webhook_event_type"),
                        ClearWebhookEventType: fields.IsNull("webhook_event_type"),
                        fields.OptionalBool("enabled"),
                        fields.OptionalInt("cooldown_seconds", 0),
                        NullSent: NotNullFields.Any(fields.IsNull));

                    // The schema's own cross-check applies only when operator and threshold are both sent.
                    if (fields.IsValid && changes is { Operator: RuleOperator.Between or RuleOperator.NotBetween, Threshold: { } threshold })
                    {
                        CheckThresholds(fields, threshold, changes.ThresholdHigh);
                    }

                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var updated = await service.UpdateAsync(public_id, changes, context.RequestAborted).ConfigureAwait(false);
                    return updated.Map(() => Replies.Ok("Rule successfully updated."));
                }
            })
            .WithName("UpdateRule")
            .Accepts<RuleUpdateRequest>("application/json")
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        rules.MapDelete("/{public_id}", async (string public_id, HttpContext context, RuleService service) =>
                (await service.DeleteAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(() => Replies.Ok("Rule successfully deleted.")))
            .WithName("DeleteRule")
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static void CheckThresholds(BodyValidator fields, double threshold, double? thresholdHigh)
    {
        if (thresholdHigh is null)
        {
            fields.AddModelError(HighRequired);
        }
        else if (thresholdHigh < threshold)
        {
            fields.AddModelError(RuleService.ThresholdHighTooLow);
        }
    }
}
