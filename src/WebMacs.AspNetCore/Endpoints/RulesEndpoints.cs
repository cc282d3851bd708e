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
        var rules = api.MapGroup("/rules").WithTags("Rules").ForOperators();

        rules.MapGet(string.Empty, (HttpContext context, RuleService service) =>
                context.PageAsync((page, ct) => service.ListAsync(page.Skip, page.PageSize, ct), RuleResponse.From, WebMacsJsonContext.Web.PaginatedRuleResponse))
            .WithName("ListRules")
            .Produces<Paginated<RuleResponse>>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        rules.MapPost(string.Empty, (HttpContext context, RuleService service) =>
                context.WithBodyAsync(ReadDraft, async draft =>
                    (await service.CreateAsync(context.GetWebMacsCaller().User.Id, draft!, context.RequestAborted).ConfigureAwait(false))
                        .Map(() => Replies.Created("Rule successfully created."))))
            .WithName("CreateRule")
            .Accepts<RuleCreateRequest>("application/json")
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        rules.MapGet("/{public_id}", async (string public_id, HttpContext context, RuleService service) =>
                (await service.GetAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(view => Replies.Json(RuleResponse.From(view), WebMacsJsonContext.Web.RuleResponse)))
            .WithName("GetRule")
            .Produces<RuleResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        rules.MapPut("/{public_id}", (string public_id, HttpContext context, RuleService service) =>
                context.WithBodyAsync(ReadChanges, async changes =>
                    (await service.UpdateAsync(public_id, changes, context.RequestAborted).ConfigureAwait(false))
                        .Map(() => Replies.Ok("Rule successfully updated."))))
            .WithName("UpdateRule")
            .Accepts<RuleUpdateRequest>("application/json")
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        rules.MapDelete("/{public_id}", async (string public_id, HttpContext context, RuleService service) =>
                (await service.DeleteAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(() => Replies.Ok("Rule successfully deleted.")))
            .WithName("DeleteRule")
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Reads the body of <c>POST /rules</c>; <see langword="null"/> when a field is invalid.</summary>
    private static RuleDraft? ReadDraft(BodyValidator fields)
    {
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

        return fields.IsValid
            ? new RuleDraft(name!, eventPublicId!, op!.Value, threshold!.Value, thresholdHigh, actionType!.Value, webhookEventType, enabled, cooldown!.Value)
            : null;
    }

    /// <summary>Reads the body of <c>PUT /rules/{public_id}</c>.</summary>
    private static RuleChanges ReadChanges(BodyValidator fields)
    {
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

        return changes;
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
