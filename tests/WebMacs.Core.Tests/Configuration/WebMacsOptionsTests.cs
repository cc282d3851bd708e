using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WebMacs.Tests.Configuration;

public sealed class WebMacsOptionsTests : IDisposable
{
    private const string Secret = "options-tests-secret-key-0123456789abcdef";
    private readonly string contentRoot = Directory.CreateTempSubdirectory("webmacs-options-").FullName;

    [Fact]
    public void Value_NoSettings_HasReferenceDefaults()
    {
        var options = Resolve(new() { ["WebMacs:SecretKey"] = Secret });

        Assert.Equal(1440, options.AccessTokenExpireMinutes);
        Assert.Equal("admin@webmacs.io", options.InitialAdminEmail);
        Assert.Equal("admin", options.InitialAdminUsername);
        Assert.Null(options.InitialAdminPassword);
        Assert.Equal("data", options.DataDirectory);
        Assert.True(options.ApplyMigrationsOnStart);
    }

    [Fact]
    public void Value_LegacyEnvironmentNames_Bind()
    {
        var options = Resolve(new()
        {
            ["SECRET_KEY"] = Secret,
            ["ACCESS_TOKEN_EXPIRE_MINUTES"] = "90",
            ["INITIAL_ADMIN_EMAIL"] = "legacy@webmacs.local",
            ["INITIAL_ADMIN_USERNAME"] = "legacy",
            ["INITIAL_ADMIN_PASSWORD"] = "Legacy-Password-1",
            ["WEBMACS_DATA_DIR"] = "/var/lib/webmacs",
        });

        Assert.Equal(Secret, options.SecretKey);
        Assert.Equal(90, options.AccessTokenExpireMinutes);
        Assert.Equal("legacy@webmacs.local", options.InitialAdminEmail);
        Assert.Equal("legacy", options.InitialAdminUsername);
        Assert.Equal("Legacy-Password-1", options.InitialAdminPassword);
        Assert.Equal("/var/lib/webmacs", options.DataDirectory);
    }

    [Fact]
    public void Value_SectionAndLegacyNames_SectionWins()
    {
        var options = Resolve(new()
        {
            ["SECRET_KEY"] = "legacy-secret-key-that-is-long-enough-000",
            ["ACCESS_TOKEN_EXPIRE_MINUTES"] = "90",
            ["INITIAL_ADMIN_EMAIL"] = "legacy@webmacs.local",
            ["INITIAL_ADMIN_USERNAME"] = "legacy",
            ["INITIAL_ADMIN_PASSWORD"] = "Legacy-Password-1",
            ["WEBMACS_DATA_DIR"] = "/var/lib/legacy",
            ["WebMacs:SecretKey"] = Secret,
            ["WebMacs:AccessTokenExpireMinutes"] = "15",
            ["WebMacs:InitialAdminEmail"] = "section@webmacs.test",
            ["WebMacs:InitialAdminUsername"] = "section",
            ["WebMacs:InitialAdminPassword"] = "Section-Password-1",
            ["WebMacs:DataDirectory"] = "/var/lib/section",
        });

        Assert.Equal(Secret, options.SecretKey);
        Assert.Equal(15, options.AccessTokenExpireMinutes);
        Assert.Equal("section@webmacs.test", options.InitialAdminEmail);
        Assert.Equal("section", options.InitialAdminUsername);
        Assert.Equal("Section-Password-1", options.InitialAdminPassword);
        Assert.Equal("/var/lib/section", options.DataDirectory);
    }

    [Fact]
    public void Value_EmptyLegacyValue_IsIgnored()
    {
        var options = Resolve(new() { ["WebMacs:SecretKey"] = Secret, ["INITIAL_ADMIN_USERNAME"] = string.Empty });

        Assert.Equal("admin", options.InitialAdminUsername);
    }

    [Fact]
    public void Value_NonNumericLegacyLifetime_ThrowsNamingSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Resolve(new() { ["WebMacs:SecretKey"] = Secret, ["ACCESS_TOKEN_EXPIRE_MINUTES"] = "soon" }));

        Assert.Contains("ACCESS_TOKEN_EXPIRE_MINUTES", ex.Message, StringComparison.Ordinal);
        Assert.Contains("soon", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WebMacs:AccessTokenExpireMinutes", "0", "AccessTokenExpireMinutes")]
    [InlineData("WebMacs:AccessTokenExpireMinutes", "525601", "AccessTokenExpireMinutes")]
    [InlineData("ACCESS_TOKEN_EXPIRE_MINUTES", "-5", "AccessTokenExpireMinutes")]
    [InlineData("WebMacs:InitialAdminUsername", "a", "InitialAdminUsername")]
    [InlineData("WebMacs:DataDirectory", "", "DataDirectory")]
    public void Value_OutOfRangeSetting_ThrowsOptionsValidationExceptionNamingSetting(string key, string value, string setting)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["WebMacs:SecretKey"] = Secret, [key] = value }));

        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_InitialAdminEmailLongerThan255_ThrowsOptionsValidationException()
    {
        var email = new string('a', 250) + "@x.test";

        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["WebMacs:SecretKey"] = Secret, ["WebMacs:InitialAdminEmail"] = email }));

        Assert.Contains("InitialAdminEmail", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(contentRoot, recursive: true);

    private WebMacsOptions Resolve(Dictionary<string, string?> settings)
    {
        using var services = TestServices.Build(settings, "Development", contentRoot);
        return services.GetRequiredService<IOptions<WebMacsOptions>>().Value;
    }
}
