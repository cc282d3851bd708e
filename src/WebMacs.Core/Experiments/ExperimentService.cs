using Microsoft.EntityFrameworkCore;
using WebMacs.Common;
using WebMacs.Domain;
using WebMacs.LogEntries;
using WebMacs.Persistence;
using WebMacs.Webhooks;

namespace WebMacs.Experiments;

/// <summary>An experiment with the public id of its owner.</summary>
internal sealed record ExperimentRow(Experiment Experiment, Guid OwnerPublicId);

/// <summary>
/// Experiments (reference §4.3 routes 22–28): creating one starts it, stopping stamps <c>stopped_on</c>; both write a
/// log entry (§6.5) and queue a webhook event (§6.3) in the same unit of work, so nothing is logged or sent for a
/// change that did not commit (a compat fix: a duplicate name answers 409 and leaves no trace).
/// </summary>
internal sealed class ExperimentService(WebMacsDbContext db, ChangeSaver saver, LogEntryService log, WebhookOutbox outbox, TimeProvider time)
{
    private const string Entity = "Experiment";

    public async Task<PageResult<ExperimentRow>> ListAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var total = await db.Experiments.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await db.Experiments.AsNoTracking().OrderBy(e => e.Id).Skip(skip).Take(take)
            .Select(e => new ExperimentRow(e, e.User!.PublicId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PageResult<ExperimentRow>(items, total);
    }

    public async Task<Outcome<ExperimentRow>> GetAsync(string publicId, CancellationToken cancellationToken) =>
        PublicIds.TryParse(publicId, out var id)
        && await db.Experiments.AsNoTracking().Where(e => e.PublicId == id).Select(e => new ExperimentRow(e, e.User!.PublicId))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } row
            ? row
            : Outcome.NotFound(Entity, publicId);

    /// <summary>Creates and starts an experiment owned by the caller; logs it and queues <c>experiment.started</c>.</summary>
    public async Task<Outcome<Experiment>> CreateAsync(User caller, string name, CancellationToken cancellationToken)
    {
        var experiment = new Experiment
        {
            Name = name,
            StartedOn = time.GetUtcNow().UtcDateTime,
            StoppedOn = null,
            UserId = caller.Id,
        };
        db.Experiments.Add(experiment);
        log.Record(caller.Id, $"Experiment '{name}' started.");
        await outbox.EnqueueAsync(WebhookEventType.ExperimentStarted, [new("experiment", name)], cancellationToken).ConfigureAwait(false);
        return await saver.SaveAsync(cancellationToken).ConfigureAwait(false) == ConstraintViolation.None ? experiment : Outcome.Conflict(Entity);
    }

    /// <summary>Renames an experiment; a taken name or an explicit null is a conflict.</summary>
    public async Task<Outcome> UpdateAsync(string publicId, string? name, bool nullSent, CancellationToken cancellationToken)
    {
        if (await FindTrackedAsync(publicId, cancellationToken).ConfigureAwait(false) is not { } experiment)
        {
            return Outcome.NotFound(Entity, publicId);
        }

        if (nullSent)
        {
            return Outcome.Conflict(Entity);
        }

        if (name is not null)
        {
            experiment.Name = name;
        }

        return await saver.SaveAsync(cancellationToken).ConfigureAwait(false) == ConstraintViolation.None ? Outcome.Ok : Outcome.Conflict(Entity);
    }

    /// <summary>Stamps <c>stopped_on</c> with now (also when already stopped, as the original does); logs it and queues <c>experiment.stopped</c>.</summary>
    public async Task<Outcome> StopAsync(User caller, string publicId, CancellationToken cancellationToken)
    {
        if (await FindTrackedAsync(publicId, cancellationToken).ConfigureAwait(false) is not { } experiment)
        {
            return Outcome.NotFound(Entity, publicId);
        }

        experiment.StoppedOn = time.GetUtcNow().UtcDateTime;
        log.Record(caller.Id, $"Experiment '{experiment.Name}' stopped.");
        await outbox.EnqueueAsync(WebhookEventType.ExperimentStopped, [new("experiment", experiment.Name)], cancellationToken).ConfigureAwait(false);
        return await saver.SaveAsync(cancellationToken).ConfigureAwait(false) switch
        {
            ConstraintViolation.None => Outcome.Ok,
            // The experiment was deleted meanwhile, or the caller was.
            ConstraintViolation.ForeignKey => Outcome.NotFound(Entity, publicId),
            _ => Outcome.Conflict(Entity),
        };
    }

    /// <summary>Deletes an experiment and (by the store's cascade) its datapoints.</summary>
    public async Task<Outcome> DeleteAsync(string publicId, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParse(publicId, out var id))
        {
            return Outcome.NotFound(Entity, publicId);
        }

        var deleted = await db.Experiments.Where(e => e.PublicId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted == 0 ? Outcome.NotFound(Entity, publicId) : Outcome.Ok;
    }

    private async Task<Experiment?> FindTrackedAsync(string publicId, CancellationToken cancellationToken) =>
        PublicIds.TryParse(publicId, out var id)
            ? await db.Experiments.FirstOrDefaultAsync(e => e.PublicId == id, cancellationToken).ConfigureAwait(false)
            : null;
}
