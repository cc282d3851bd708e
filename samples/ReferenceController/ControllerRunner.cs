using Microsoft.Extensions.Options;

namespace WebMacs.ReferenceController;

/// <summary>
/// Start-up niceties of the controller, like the reference host's: one clear line instead of a stack trace when the
/// configuration is wrong (no backend URL or token, an invalid setting).
/// </summary>
internal static class ControllerRunner
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>The generic host logs start failures with a stack trace; <see cref="RunOrExplainAsync"/> prints one line instead.</summary>
    public static ILoggingBuilder AddStartupFailureFilter(this ILoggingBuilder logging) => logging.AddFilter(HostCategory, LogLevel.None);

    public static async Task<int> RunOrExplainAsync(this IHost host)
    {
        try
        {
            await host.RunAsync();
            return 0;
        }
        catch (Exception ex) when (Explain(ex) is { } line)
        {
            await Console.Error.WriteLineAsync($"webmacs-controller: cannot start: {line}");
            return 1;
        }
    }

    private static string? Explain(Exception ex) => ex switch
    {
        WebMacsStartupException startup => startup.Message,
        OptionsValidationException options => string.Join(" ", options.Failures)
            + (options.OptionsType.Name == "UplinkOptions" ? " Set WEBMACS_SERVER_URL and WEBMACS_API_TOKEN (or WebMacs__Uplink__BackendUrl / WebMacs__Uplink__ApiToken)." : string.Empty),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Explain(aggregate.InnerExceptions[0]),
        _ => null,
    };
}
