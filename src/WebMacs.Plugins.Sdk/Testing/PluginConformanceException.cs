namespace WebMacs.Plugins.Testing;

/// <summary>Reports the conformance checks a plugin failed; the message lists every one.</summary>
public sealed class PluginConformanceException : Exception
{
    /// <summary>Creates the exception for the failed <paramref name="results"/>.</summary>
    /// <param name="pluginName">The plugin type or id.</param>
    /// <param name="results">The failed checks.</param>
    public PluginConformanceException(string pluginName, IReadOnlyList<ConformanceCheckResult> results)
        : base(Describe(pluginName, results))
    {
        Failures = results ?? [];
    }

    /// <summary>Gets the failed checks.</summary>
    public IReadOnlyList<ConformanceCheckResult> Failures { get; }

    private static string Describe(string pluginName, IReadOnlyList<ConformanceCheckResult>? results) =>
        $"{pluginName} failed {results?.Count ?? 0} conformance check(s):{Environment.NewLine}"
        + string.Join(Environment.NewLine, (results ?? []).Select(r => $"  - {r.Name}: {r.Message}"));
}
