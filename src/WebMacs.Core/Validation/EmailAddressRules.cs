namespace WebMacs.Validation;

/// <summary>
/// E-mail syntax as the original's validator checks it (one @, a local part, a dotted domain of letters, digits
/// and hyphens), with two deliberate differences: special-use domains such as <c>.local</c> and <c>.test</c> are
/// valid (compat decision), and nothing is looked up in DNS. Normalisation lower-cases the domain only.
/// Hand-written: no registry library validates addresses with this exact rule set.
/// </summary>
internal static class EmailAddressRules
{
    public const int MaxLength = 254;

    public static bool TryNormalize(string input, out string normalized, out string error)
    {
        normalized = input;
        error = string.Empty;
        var at = input.IndexOf('@', StringComparison.Ordinal);
        if (at < 0 || input.IndexOf('@', at + 1) >= 0)
        {
            error = "An email address must have exactly one @-sign.";
            return false;
        }

        var local = input[..at];
        var domain = input[(at + 1)..];
        if (local.Length == 0)
        {
            error = "There must be something before the @-sign.";
            return false;
        }

        if (domain.Length == 0)
        {
            error = "There must be something after the @-sign.";
            return false;
        }

        if (input.Length > MaxLength)
        {
            error = $"The email address is too long ({input.Length - MaxLength} characters too many).";
            return false;
        }

        if (local.Length > 64 || !local.All(IsLocalChar) || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            error = "The email address contains invalid characters before the @-sign.";
            return false;
        }

        var labels = domain.Split('.');
        if (labels.Length < 2)
        {
            error = "The part after the @-sign is not valid. It should have a period.";
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-') || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                error = "The part after the @-sign is not valid.";
                return false;
            }
        }

        if (labels[^1].All(char.IsAsciiDigit))
        {
            error = "The part after the @-sign is not valid. It is not within a valid top-level domain.";
            return false;
        }

        normalized = string.Concat(local, "@", domain.ToLowerInvariant());
        return true;
    }

    private static bool IsLocalChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".Contains(c, StringComparison.Ordinal);
}
