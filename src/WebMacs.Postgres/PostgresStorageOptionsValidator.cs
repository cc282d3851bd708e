using Microsoft.Extensions.Options;

namespace WebMacs.Postgres;

[OptionsValidator]
internal sealed partial class PostgresStorageOptionsAnnotationsValidator : IValidateOptions<PostgresStorageOptions>;

/// <summary>Checks that the connection string or <c>DATABASE_URL</c> can be understood, naming the setting when not.</summary>
internal sealed class PostgresStorageOptionsValidator : IValidateOptions<PostgresStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStorageOptions options)
    {
        var annotations = new PostgresStorageOptionsAnnotationsValidator().Validate(name, options);
        if (annotations.Failed)
        {
            return annotations;
        }

        return DatabaseUrl.TryConvert(options.ConnectionString!, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"DATABASE_URL (WebMacs:Postgres:ConnectionString) {error}.");
    }
}
