using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WebMacs.Configuration;

namespace WebMacs.Tests.Configuration;

public class ProductionSafetyValidatorTests
{
    private const string GoodSecret = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData(null, "must be set in Production")]
    [InlineData("", "must be set in Production")]
    [InlineData("   ", "must be set in Production")]
    [InlineData("changeme", "published sample value")]
    [InlineData("CHANGE-ME-IN-PRODUCTION", "published sample value")]
    [InlineData("test-secret-key", "published sample value")]
    [InlineData("secret", "published sample value")]
    [InlineData("0123456789abcdef0123456789abcde", "at least 32 characters in Production (currently 31)")]
    [InlineData("  0123456789abcdef0123456789abcde  ", "at least 32 characters in Production (currently 31)")]
    public void Validate_ProductionWithUnsafeSecret_FailsNamingSecretKey(string? secret, string reason)
    {
        var result = Validate(Environments.Production, new() { SecretKey = secret, InitialAdminPassword = "Strong-Password-1" });

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("SECRET_KEY (WebMacs:SecretKey)", failure, StringComparison.Ordinal);
        Assert.Contains(reason, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ProductionWithPublishedAdminPassword_FailsNamingInitialAdminPassword()
    {
        var result = Validate(Environments.Production, new() { SecretKey = GoodSecret, InitialAdminPassword = "admin123" });

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("INITIAL_ADMIN_PASSWORD (WebMacs:InitialAdminPassword)", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ProductionWithSeveralProblems_ReportsEach()
    {
        var result = Validate(Environments.Production, new() { SecretKey = "changeme", InitialAdminPassword = "admin123" });

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains("SECRET_KEY", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("INITIAL_ADMIN_PASSWORD", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Strong-Password-1")]
    public void Validate_ProductionWithSafeValues_Succeeds(string? password)
    {
        var result = Validate(Environments.Production, new() { SecretKey = GoodSecret, InitialAdminPassword = password });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("production")]
    [InlineData("PRODUCTION")]
    public void Validate_EnvProductionInConfigurationOutsideProductionEnvironment_AppliesProductionRules(string env)
    {
        var result = Validate(Environments.Staging, new() { SecretKey = "short", InitialAdminPassword = "admin123" }, new() { ["ENV"] = env });

        Assert.True(result.Failed);
        Assert.Contains("SECRET_KEY", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("INITIAL_ADMIN_PASSWORD", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", null)]
    [InlineData("Staging", null)]
    [InlineData("Development", "development")]
    public void Validate_NotProduction_AcceptsUnsafeValues(string environment, string? env)
    {
        var result = Validate(environment, new() { SecretKey = "changeme", InitialAdminPassword = "admin123" }, new() { ["ENV"] = env });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Value_ProductionWithPublishedSecretThroughAddWebMacs_ThrowsOptionsValidationExceptionNamingSecretKey()
    {
        var root = Directory.CreateTempSubdirectory("webmacs-safety-").FullName;
        try
        {
            using var services = TestServices.Build(
                new Dictionary<string, string?> { ["SECRET_KEY"] = "change-me-in-production", ["INITIAL_ADMIN_PASSWORD"] = "admin123" },
                Environments.Production,
                root);

            var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<WebMacsOptions>>().Value);

            Assert.Contains("SECRET_KEY", ex.Message, StringComparison.Ordinal);
            Assert.Contains("INITIAL_ADMIN_PASSWORD", ex.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(root, "data", DevelopmentSecretKey.FileName)));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static ValidateOptionsResult Validate(string environment, WebMacsOptions options, Dictionary<string, string?>? settings = null)
    {
        var validator = new ProductionSafetyValidator(
            TestServices.Environment(environment, Path.GetTempPath()),
            TestServices.Configuration(settings ?? []));
        return validator.Validate(Options.DefaultName, options);
    }
}
