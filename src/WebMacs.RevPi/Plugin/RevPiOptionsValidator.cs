using Microsoft.Extensions.Options;
using WebMacs.Plugins;

namespace WebMacs.RevPi;

/// <summary>
/// Validates the host's <see cref="RevPiOptions"/> at start from their DataAnnotations (source-generated), including the
/// nested <see cref="PluginInstanceOptions.RetryPolicy"/>.
/// </summary>
internal sealed class RevPiOptionsValidator : IValidateOptions<RevPiOptions>
{
    public ValidateOptionsResult Validate(string? name, RevPiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var own = new RevPiOptionsAnnotationsValidator().Validate(name, options);
        if (own.Failed)
        {
            return own;
        }

        var retry = new RetryPolicyAnnotationsValidator().Validate(name, options.RetryPolicy);
        return retry.Failed
            ? ValidateOptionsResult.Fail(retry.Failures.Select(f => $"{RevPiOptions.SectionName}:{nameof(RevPiOptions.RetryPolicy)}: {f}"))
            : ValidateOptionsResult.Success;
    }
}

[OptionsValidator]
internal sealed partial class RevPiOptionsAnnotationsValidator : IValidateOptions<RevPiOptions>;

[OptionsValidator]
internal sealed partial class RetryPolicyAnnotationsValidator : IValidateOptions<RetryPolicy>;
