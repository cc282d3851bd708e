namespace WebMacs.Plugins;

/// <summary>A package that cannot be installed; <see cref="Exception.Message"/> is the reply's detail and says why.</summary>
internal sealed class InvalidPluginPackageException : Exception
{
    public InvalidPluginPackageException()
    {
    }

    public InvalidPluginPackageException(string message)
        : base(message)
    {
    }

    public InvalidPluginPackageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets a value indicating whether the package conflicts with what is installed (409) rather than being malformed (422).</summary>
    public bool IsConflict { get; init; }
}
