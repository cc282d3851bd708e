using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WebMacs.Configuration;

/// <summary>
/// Outside Production, gives a host without <c>SECRET_KEY</c> a random key that survives restarts: it is
/// generated once and kept in <c>secret.key</c> in the data folder (readable by the owner only).
/// </summary>
internal sealed class DevelopmentSecretKey(IHostEnvironment environment, IConfiguration configuration) : IPostConfigureOptions<WebMacsOptions>
{
    public const string FileName = "secret.key";

    public void PostConfigure(string? name, WebMacsOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SecretKey) || LegacyEnvironment.IsProduction(environment, configuration))
        {
            return;
        }

        var directory = Path.GetFullPath(options.DataDirectory, environment.ContentRootPath);
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= ProductionSafetyValidator.MinimumSecretLength } existing)
        {
            options.SecretKey = existing;
            return;
        }

        Directory.CreateDirectory(directory);
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        options.SecretKey = key;
    }
}
