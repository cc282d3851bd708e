using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace WebMacs.ReferenceHost;

/// <summary>
/// Start-up niceties of the reference host: one clear line instead of a stack trace when the environment is wrong
/// (bad configuration, unreachable database, port in use), and the URLs to open once it runs.
/// </summary>
internal static class HostRunner
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private const string EfConnectionCategory = "Microsoft.EntityFrameworkCore.Database.Connection";

    /// <summary>
    /// The generic host logs start failures with a stack trace, and EF Core logs a failed connection as an error of
    /// its own; the runner below prints one line instead. Set in code (not only in appsettings.json) so it holds
    /// wherever the host is started from: the content root, and with it appsettings.json, is the working directory.
    /// </summary>
    public static ILoggingBuilder AddStartupFailureFilter(this ILoggingBuilder logging) =>
        logging.AddFilter(HostCategory, LogLevel.None).AddFilter(EfConnectionCategory, LogLevel.Critical);

    public static async Task<int> RunOrExplainAsync(this WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (Explain(ex) is { } line)
        {
            await Console.Error.WriteLineAsync($"webmacs: cannot start: {line}");
            return 1;
        }
    }

    public static void PrintUrlsWhenStarted(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                Console.WriteLine($"WebMacs is running at {address}  (health: {address}/health, API: {address}/api/v1)");
            }
        });

    private static string? Explain(Exception ex) => ex switch
    {
        WebMacsStartupException startup => startup.Message,
        OptionsValidationException options => string.Join(" ", options.Failures),
        IOException io when io.Message.Contains("bind", StringComparison.OrdinalIgnoreCase) => io.Message,
        AggregateException { InnerExceptions.Count: 1 } aggregate => Explain(aggregate.InnerExceptions[0]),
        _ => null,
    };
}
