using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMacs.Configuration;
using WebMacs.Domain;
using WebMacs.Security;

namespace WebMacs.Persistence;

/// <summary>
/// The start-up sequence of reference §7: open the store and apply migrations, seed the first administrator when
/// the user table is empty, write the start-up log entry.
/// </summary>
internal sealed partial class StartupInitializer(
    WebMacsDbContext db,
    IEnumerable<IStorageProvider> providers,
    IOptions<WebMacsOptions> options,
    IHostEnvironment environment,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<StartupInitializer> logger)
{
    public const string ApiVersion = "2.0.0";

    public const string NoStorageMessage = "No WebMacs storage is configured: call AddPostgres() or AddSqlite() on the builder that AddWebMacs() returns.";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var provider = providers.FirstOrDefault()
            ?? throw new WebMacsStartupException(NoStorageMessage);
        var description = provider.Describe();

        try
        {
            await provider.PrepareAsync(cancellationToken).ConfigureAwait(false);
            if (options.Value.ApplyMigrationsOnStart)
            {
                await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (!await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new WebMacsStartupException($"Cannot connect to the database ({description}).");
            }

            await SeedAdminAsync(cancellationToken).ConfigureAwait(false);
            await WriteStartupEntryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or TimeoutException or IOException or UnauthorizedAccessException)
        {
            throw new WebMacsStartupException($"Cannot open the database ({description}): {OneLine(ex)}", ex);
        }

        LogStarted(logger, description);
    }

    private async Task SeedAdminAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var settings = options.Value;
        var password = settings.InitialAdminPassword;
        var generated = false;
        if (string.IsNullOrEmpty(password))
        {
            if (LegacyEnvironment.IsProduction(environment, configuration))
            {
                throw new WebMacsStartupException(
                    "INITIAL_ADMIN_PASSWORD (WebMacs:InitialAdminPassword) must be set in Production to create the first administrator.");
            }

            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', '-').Replace('/', '_');
            generated = true;
        }

        db.Users.Add(new User
        {
            Email = settings.InitialAdminEmail,
            Username = settings.InitialAdminUsername,
            PasswordHash = PasswordHasher.Hash(password),
            Role = UserRole.Admin,
            RegisteredOn = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        LogSeeded(logger, settings.InitialAdminEmail);

        if (generated)
        {
            // Printed once to the console on purpose (not through logging, so it never reaches a log store):
            // it is the only way to learn a generated password.
            Console.WriteLine();
            Console.WriteLine("  WebMacs created the first administrator:");
            Console.WriteLine($"    e-mail:   {settings.InitialAdminEmail}");
            Console.WriteLine($"    password: {password}");
            Console.WriteLine("  This password is shown only now. Set INITIAL_ADMIN_PASSWORD to choose your own.");
            Console.WriteLine();
        }
    }

    private async Task WriteStartupEntryAsync(CancellationToken cancellationToken)
    {
        var adminId = await db.Users.Where(u => u.Role == UserRole.Admin).OrderBy(u => u.Id).Select(u => (int?)u.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (adminId is null)
        {
            return;
        }

        db.LogEntries.Add(new LogEntry
        {
            Content = $"WebMACS Backend v{ApiVersion} started.",
            LoggingType = LoggingType.Info,
            UserId = adminId.Value,
            CreatedOn = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string OneLine(Exception ex)
    {
        var message = ex.InnerException is { } inner && ex.Message.Length < 40 ? $"{ex.Message} {inner.Message}" : ex.Message;
        return message.ReplaceLineEndings(" ").Trim();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WebMacs storage ready: {Store}.")]
    private static partial void LogStarted(ILogger logger, string store);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first administrator {Email}.")]
    private static partial void LogSeeded(ILogger logger, string email);
}
