namespace WebMacs.Plugins.Testing;

/// <summary>Holds the outcome of one conformance check.</summary>
/// <param name="Name">The check name, e.g. <c>channel_ids_unique</c>.</param>
/// <param name="Passed">Whether the check passed.</param>
/// <param name="Message">Why it failed, or an empty string.</param>
public sealed record ConformanceCheckResult(string Name, bool Passed, string Message);
