using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WebMacs.Configuration;

namespace WebMacs.Tests.Configuration;

public sealed class DevelopmentSecretKeyTests : IDisposable
{
    private readonly string contentRoot = Directory.CreateTempSubdirectory("webmacs-devkey-").FullName;

    private string KeyFile => Path.Combine(contentRoot, "data", DevelopmentSecretKey.FileName);

    [Fact]
    public void Value_DevelopmentWithoutSecret_GeneratesKeyAndKeepsItInDataFolder()
    {
        var key = ResolveSecret(Environments.Development);

        Assert.NotNull(key);
        Assert.True(key.Length >= 32, $"The generated key has {key.Length} characters.");
        Assert.True(File.Exists(KeyFile));
        Assert.Equal(key, File.ReadAllText(KeyFile).Trim());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        }
    }

    [Fact]
    public void Value_RestartWithKeyFile_ReusesKey()
    {
        var first = ResolveSecret(Environments.Development);

        var second = ResolveSecret(Environments.Development);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Value_KeyFileTooShort_ReplacesIt()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        File.WriteAllText(KeyFile, "short");

        var key = ResolveSecret(Environments.Development);

        Assert.NotEqual("short", key);
        Assert.True(key!.Length >= 32);
        Assert.Equal(key, File.ReadAllText(KeyFile).Trim());
    }

    [Fact]
    public void Value_SecretConfigured_WritesNoKeyFile()
    {
        var key = ResolveSecret(Environments.Development, new() { ["SECRET_KEY"] = "configured-secret-key-0123456789abcdef" });

        Assert.Equal("configured-secret-key-0123456789abcdef", key);
        Assert.False(File.Exists(KeyFile));
    }

    [Fact]
    public void Value_RelativeDataDirectory_IsTakenFromContentRoot()
    {
        ResolveSecret(Environments.Development, new() { ["WEBMACS_DATA_DIR"] = Path.Combine("nested", "state") });

        Assert.True(File.Exists(Path.Combine(contentRoot, "nested", "state", DevelopmentSecretKey.FileName)));
    }

    [Fact]
    public void Value_ProductionWithoutSecret_GeneratesNothingAndFailsNamingSecretKey()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => ResolveSecret(Environments.Production, new() { ["INITIAL_ADMIN_PASSWORD"] = "Strong-Password-1" }));

        Assert.Contains("SECRET_KEY", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(KeyFile));
    }

    public void Dispose() => Directory.Delete(contentRoot, recursive: true);

    private string? ResolveSecret(string environment, Dictionary<string, string?>? settings = null)
    {
        using var services = TestServices.Build(settings ?? [], environment, contentRoot);
        return services.GetRequiredService<IOptions<WebMacsOptions>>().Value.SecretKey;
    }
}
