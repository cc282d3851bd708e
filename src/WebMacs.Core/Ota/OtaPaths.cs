using Microsoft.Extensions.Options;

namespace WebMacs.Ota;

/// <summary>Resolves the update folder: <see cref="OtaOptions.UpdateDirectory"/>, else <c>updates</c> in the data folder.</summary>
internal sealed class OtaPaths(IOptions<OtaOptions> ota, IOptions<WebMacsOptions> webMacs)
{
    public string UpdateDirectory { get; } = Path.TrimEndingDirectorySeparator(Path.GetFullPath(
        ota.Value.UpdateDirectory is { Length: > 0 } configured ? configured : Path.Combine(webMacs.Value.DataDirectory, "updates")));
}
