using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WebMacs.Persistence;

/// <summary>
/// Watches every write command EF Core sends (SaveChanges and ExecuteUpdate/ExecuteDelete alike) and bumps the
/// <see cref="DataVersions"/> of the cached table groups it touches — once when the command ran and once more when its
/// transaction commits, so a cache that reloaded in between does not keep uncommitted-era data.
/// </summary>
internal sealed class DataChangeInterceptor(DataVersions versions) : DbCommandInterceptor, IDbTransactionInterceptor
{
    private static readonly (string Table, CachedData Data)[] Watched =
    [
        ("events", CachedData.Ingestion | CachedData.Rules),
        ("channel_mappings", CachedData.Ingestion),
        ("plugin_instances", CachedData.Ingestion),
        ("experiments", CachedData.Ingestion),
        ("rules", CachedData.Rules),
        ("webhooks", CachedData.Webhooks),
        ("users", CachedData.Accounts),
        ("blacklist_tokens", CachedData.Accounts),
    ];

    private readonly ConcurrentDictionary<DbTransaction, CachedData> pending = new();

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Observe(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Observe(command);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Observe(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Observe(command);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Observe(command);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Observe(command);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => pending.TryRemove(transaction, out _);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        pending.TryRemove(transaction, out _);
        return Task.CompletedTask;
    }

    /// <summary>Tells which cached groups a command writes to (none for reads).</summary>
    internal static CachedData Classify(string text)
    {
        var span = text.AsSpan().TrimStart();
        if (!IsWrite(span))
        {
            return CachedData.None;
        }

        var changed = CachedData.None;
        foreach (var (table, data) in Watched)
        {
            if (MentionsTable(text, table))
            {
                changed |= data;
            }
        }

        return changed;
    }

    /// <summary>Tells whether <paramref name="table"/> occurs as a whole identifier (quoted by SQLite, bare by Npgsql).</summary>
    private static bool MentionsTable(string text, string table)
    {
        for (var at = text.IndexOf(table, StringComparison.Ordinal); at >= 0; at = text.IndexOf(table, at + 1, StringComparison.Ordinal))
        {
            var end = at + table.Length;
            if ((at == 0 || !IsIdentifierChar(text[at - 1])) && (end == text.Length || !IsIdentifierChar(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool IsWrite(ReadOnlySpan<char> text)
    {
        // SaveChanges batches may start with a SAVEPOINT or several statements; any write keyword anywhere counts.
        return text.Contains("INSERT ", StringComparison.OrdinalIgnoreCase)
            || text.Contains("UPDATE ", StringComparison.OrdinalIgnoreCase)
            || text.Contains("DELETE ", StringComparison.OrdinalIgnoreCase);
    }

    private void Observe(DbCommand command)
    {
        var changed = Classify(command.CommandText);
        if (changed == CachedData.None)
        {
            return;
        }

        versions.Bump(changed);
        if (command.Transaction is { } transaction)
        {
            pending.AddOrUpdate(transaction, changed, (_, existing) => existing | changed);
        }
    }

    private void Committed(DbTransaction transaction)
    {
        if (pending.TryRemove(transaction, out var changed))
        {
            versions.Bump(changed);
        }
    }

    // The remaining IDbTransactionInterceptor members keep their defaults.
    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result) => result;

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result) => result;

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);

    public DbTransaction TransactionUsed(DbConnection connection, TransactionEventData eventData, DbTransaction result) => result;

    public ValueTask<DbTransaction> TransactionUsedAsync(DbConnection connection, TransactionEventData eventData, DbTransaction result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) => result;

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);

    public InterceptionResult TransactionRollingBack(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) => result;

    public ValueTask<InterceptionResult> TransactionRollingBackAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => pending.TryRemove(transaction, out _);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        pending.TryRemove(transaction, out _);
        return Task.CompletedTask;
    }
}
