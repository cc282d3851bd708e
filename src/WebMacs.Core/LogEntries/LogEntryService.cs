using Microsoft.EntityFrameworkCore;
using WebMacs.Common;
using WebMacs.Domain;
using WebMacs.Persistence;

namespace WebMacs.LogEntries;

/// <summary>A log entry with the public id of its owner.</summary>
internal sealed record LogEntryRow(LogEntry Entry, Guid OwnerPublicId);

/// <summary>The changes a PUT /logging/{id} asks for; a null property means "not sent".</summary>
internal sealed record LogEntryChanges(StatusType? StatusType, string? Content, bool NullSent);

/// <summary>The operator log (reference §4.3 routes 36–39, §6.5). There is no delete route.</summary>
internal sealed class LogEntryService(WebMacsDbContext db, ChangeSaver saver, TimeProvider time)
{
    /// <summary>The longest content a log entry keeps (the column is <c>varchar(500)</c>).</summary>
    public const int MaxContentLength = 500;

    private const string Entity = "LogEntry";

    /// <summary>Lists entries, newest <c>created_on</c> first (ties: newest row first).</summary>
    public async Task<PageResult<LogEntryRow>> ListAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var total = await db.LogEntries.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await db.LogEntries.AsNoTracking()
            .OrderByDescending(l => l.CreatedOn).ThenByDescending(l => l.Id)
            .Skip(skip).Take(take)
            .Select(l => new LogEntryRow(l, l.User!.PublicId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PageResult<LogEntryRow>(items, total);
    }

    public async Task<Outcome<LogEntryRow>> GetAsync(string publicId, CancellationToken cancellationToken) =>
        PublicIds.TryParse(publicId, out var id)
        && await db.LogEntries.AsNoTracking().Where(l => l.PublicId == id).Select(l => new LogEntryRow(l, l.User!.PublicId))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } row
            ? row
            : Outcome.NotFound(Entity, publicId);

    /// <summary>Creates an entry owned by the caller, status <c>unread</c>.</summary>
    public async Task<Outcome<LogEntry>> CreateAsync(User caller, string content, LoggingType loggingType, CancellationToken cancellationToken)
    {
        var entry = Record(caller.Id, content, loggingType);
        return await saver.SaveAsync(cancellationToken).ConfigureAwait(false) switch
        {
            ConstraintViolation.None => entry,
            ConstraintViolation.ForeignKey => Outcome.NotFound("User", caller.PublicId.ToString()),
            _ => Outcome.Conflict(Entity),
        };
    }

    /// <summary>Applies a partial update; an explicit null (both columns are NOT NULL) is a conflict, as in the original.</summary>
    public async Task<Outcome> UpdateAsync(string publicId, LogEntryChanges changes, CancellationToken cancellationToken)
    {
        var entry = PublicIds.TryParse(publicId, out var id)
            ? await db.LogEntries.FirstOrDefaultAsync(l => l.PublicId == id, cancellationToken).ConfigureAwait(false)
            : null;
        if (entry is null)
        {
            return Outcome.NotFound(Entity, publicId);
        }

        if (changes.NullSent)
        {
            return Outcome.Conflict(Entity);
        }

        if (changes.StatusType is { } status) entry.StatusType = status;
        if (changes.Content is { } content) entry.Content = content;
        return await saver.SaveAsync(cancellationToken).ConfigureAwait(false) == ConstraintViolation.None ? Outcome.Ok : Outcome.Conflict(Entity);
    }

    /// <summary>
    /// Adds a system entry (reference §6.5) to the current unit of work without saving it, so it commits together
    /// with the change it describes.
    /// </summary>
    public LogEntry Record(int userId, string content, LoggingType loggingType = LoggingType.Info)
    {
        var entry = new LogEntry
        {
            Content = content,
            LoggingType = loggingType,
            StatusType = StatusType.Unread,
            UserId = userId,
            CreatedOn = time.GetUtcNow().UtcDateTime,
        };
        db.LogEntries.Add(entry);
        return entry;
    }
}
