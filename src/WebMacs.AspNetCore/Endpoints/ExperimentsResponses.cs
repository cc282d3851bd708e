using WebMacs.Experiments;

namespace WebMacs.AspNetCore.Endpoints;

// Bodies of the experiments routes (reference §4.2 ExperimentResponse, §4.3 routes 22–28).

/// <summary>An experiment; <c>stopped_on</c> is null while it runs.</summary>
internal sealed record ExperimentResponse(Guid PublicId, string Name, DateTime? StartedOn, DateTime? StoppedOn, Guid UserPublicId)
{
    public static ExperimentResponse From(ExperimentRow row) =>
        new(row.Experiment.PublicId, row.Experiment.Name, row.Experiment.StartedOn, row.Experiment.StoppedOn, row.OwnerPublicId);
}

/// <summary>The body of <c>POST /experiments</c>: a unique name of 1–255 characters.</summary>
internal sealed record ExperimentCreateRequest(string Name);

/// <summary>The body of <c>PUT /experiments/{id}</c>: a new name of up to 255 characters.</summary>
internal sealed record ExperimentUpdateRequest(string? Name);
