namespace WebMacs;

/// <summary>
/// Signals that WebMacs cannot start because of its environment (configuration, database, storage); the message
/// is one line that names the problem and is meant for the operator.
/// </summary>
public sealed class WebMacsStartupException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="WebMacsStartupException"/> class.</summary>
    public WebMacsStartupException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WebMacsStartupException"/> class with a message.</summary>
    /// <param name="message">The operator-facing message.</param>
    public WebMacsStartupException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WebMacsStartupException"/> class with a message and its cause.</summary>
    /// <param name="message">The operator-facing message.</param>
    /// <param name="innerException">The failure that caused it.</param>
    public WebMacsStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
