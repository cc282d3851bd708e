using WebMacs.Domain;
using WebMacs.Events;

namespace WebMacs.AspNetCore.Endpoints;

// Bodies of the events routes (reference §4.2 EventResponse, §4.3 routes 17–21).

/// <summary>A sensor or actuator channel definition.</summary>
internal sealed record EventResponse(Guid PublicId, string Name, double MinValue, double MaxValue, string Unit, string Type, Guid UserPublicId)
{
    public static EventResponse From(EventRow row) =>
        new(row.Event.PublicId, row.Event.Name, row.Event.MinValue, row.Event.MaxValue, row.Event.Unit, WireEnum<EventType>.ToWire(row.Event.Type), row.OwnerPublicId);
}

/// <summary>The body of <c>POST /events</c>: every field is required.</summary>
internal sealed record EventCreateRequest(string Name, double MinValue, double MaxValue, string Unit, string Type);

/// <summary>The body of <c>PUT /events/{id}</c>: any of the create fields (an empty name is allowed).</summary>
internal sealed record EventUpdateRequest(string? Name, double? MinValue, double? MaxValue, string? Unit, string? Type);
