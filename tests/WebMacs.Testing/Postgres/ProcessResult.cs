using System.Text;

namespace WebMacs.Testing.Postgres;

/// <summary>Holds what an external tool printed and how it ended.</summary>
internal sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Formats the command, exit code and output for an exception message.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append("$ ").AppendLine(CommandLine);
        text.Append("exit code: ").AppendLine(ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AppendStream(text, "stdout", StandardOutput);
        AppendStream(text, "stderr", StandardError);
        return text.ToString();
    }

    /// <summary>Throws an exception carrying the tool's output when it did not exit with 0.</summary>
    public ProcessResult EnsureSuccess(string what)
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed.{Environment.NewLine}{Describe()}");
        }

        return this;
    }

    private static void AppendStream(StringBuilder text, string name, string content)
    {
        text.Append(name).Append(':');
        if (string.IsNullOrWhiteSpace(content))
        {
            text.AppendLine(" (empty)");
        }
        else
        {
            text.AppendLine().AppendLine(content.TrimEnd());
        }
    }
}
