using System.Text.Json;
using System.Text.Json.Nodes;

namespace WebMacs.Plugins.Testing;

/// <summary>
/// The conformance kit for plugin authors (reference §4.12): runs the original's 13 checks plus further ones
/// (options schema, ranges, conversions, safe values on disconnect, error behaviour) against fresh plugin instances
/// configured in demo mode. Call <see cref="VerifyAsync(Func{DevicePlugin}, string?, CancellationToken)"/> from a
/// test; it throws <see cref="PluginConformanceException"/> listing every failed check.
/// </summary>
public static partial class PluginConformance
{
    /// <summary>Runs every check against <typeparamref name="TPlugin"/> and throws when any fails.</summary>
    /// <typeparam name="TPlugin">The plugin type, with a parameterless constructor.</typeparam>
    /// <param name="configJson">The configuration to test with (<c>demo_mode</c> is forced to true), or null.</param>
    /// <param name="ct">Cancels the run.</param>
    /// <returns>The results of all checks (all passed).</returns>
    /// <exception cref="PluginConformanceException">At least one check failed.</exception>
    public static Task<IReadOnlyList<ConformanceCheckResult>> VerifyAsync<TPlugin>(string? configJson = null, CancellationToken ct = default)
        where TPlugin : DevicePlugin, new() => VerifyAsync(() => new TPlugin(), configJson, ct);

    /// <summary>Runs every check against plugins made by <paramref name="factory"/> and throws when any fails.</summary>
    /// <param name="factory">Creates a new, unconfigured plugin instance on each call.</param>
    /// <param name="configJson">The configuration to test with (<c>demo_mode</c> is forced to true), or null.</param>
    /// <param name="ct">Cancels the run.</param>
    /// <returns>The results of all checks (all passed).</returns>
    /// <exception cref="PluginConformanceException">At least one check failed.</exception>
    public static async Task<IReadOnlyList<ConformanceCheckResult>> VerifyAsync(Func<DevicePlugin> factory, string? configJson = null, CancellationToken ct = default)
    {
        var results = await RunAsync(factory, configJson, ct).ConfigureAwait(false);
        var failed = results.Where(r => !r.Passed).ToList();
        if (failed.Count > 0)
        {
            string name;
            try
            {
                await using var probe = factory();
                name = probe.GetType().FullName ?? probe.GetType().Name;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                name = "The plugin";
            }

            throw new PluginConformanceException(name, failed);
        }

        return results;
    }

    /// <summary>Runs every check against plugins made by <paramref name="factory"/> without throwing.</summary>
    /// <param name="factory">Creates a new, unconfigured plugin instance on each call.</param>
    /// <param name="configJson">The configuration to test with (<c>demo_mode</c> is forced to true), or null.</param>
    /// <param name="ct">Cancels the run.</param>
    /// <returns>One result per check.</returns>
    public static async Task<IReadOnlyList<ConformanceCheckResult>> RunAsync(Func<DevicePlugin> factory, string? configJson = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var demoConfig = Merge(configJson, ("demo_mode", true));
        var results = new List<ConformanceCheckResult>(Checks.Length);
        foreach (var (name, check) in Checks)
        {
            ct.ThrowIfCancellationRequested();
            var context = new CheckContext(factory, demoConfig, configJson, ct);
            try
            {
                var problem = await check(context).ConfigureAwait(false);
                results.Add(new ConformanceCheckResult(name, problem is null, problem ?? ""));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                results.Add(new ConformanceCheckResult(name, false, $"threw {ex.GetType().Name}: {ex.Message}"));
            }
            finally
            {
                await context.DisposeAsync().ConfigureAwait(false);
            }
        }

        return results;
    }

    /// <summary>Sets top-level keys of a JSON configuration object (null or empty text counts as <c>{}</c>).</summary>
    internal static string Merge(string? configJson, params (string Key, JsonNode? Value)[] values)
    {
        var node = string.IsNullOrWhiteSpace(configJson) ? null : JsonNode.Parse(configJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var config = node as JsonObject ?? [];
        foreach (var (key, value) in values)
        {
            config[key] = value;
        }

        return config.ToJsonString();
    }

    /// <summary>Creates plugins for one check and disposes them afterwards.</summary>
    private sealed class CheckContext(Func<DevicePlugin> factory, string demoConfig, string? rawConfig, CancellationToken ct) : IAsyncDisposable
    {
        private readonly List<DevicePlugin> created = [];

        public CancellationToken Token => ct;

        public string? RawConfig => rawConfig;

        public DevicePlugin New()
        {
            var plugin = factory() ?? throw new InvalidOperationException("The factory returned null.");
            created.Add(plugin);
            return plugin;
        }

        public DevicePlugin Configured()
        {
            var plugin = New();
            plugin.Configure(demoConfig);
            return plugin;
        }

        public async Task<DevicePlugin> ConnectedAsync()
        {
            var plugin = Configured();
            await plugin.ConnectAsync(ct).ConfigureAwait(false);
            return plugin;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var plugin in created)
            {
                try
                {
                    await plugin.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A plugin that fails to dispose is reported by the check that created it, not here.
                }
            }
        }
    }
}
