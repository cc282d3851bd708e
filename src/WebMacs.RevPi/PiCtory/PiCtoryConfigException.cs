namespace WebMacs.RevPi;

/// <summary>
/// Reports a piCtory configuration that cannot be used: not JSON, a missing device list, a device offset that is not a
/// whole byte, an unknown I/O width, overlapping or duplicate I/Os. The message names the device and the I/O.
/// </summary>
public sealed class PiCtoryConfigException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public PiCtoryConfigException()
        : this("The piCtory configuration is not valid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public PiCtoryConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public PiCtoryConfigException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem with a device and, optionally, one of its I/Os.</summary>
    /// <param name="message">What is wrong; it names the device and the I/O.</param>
    /// <param name="deviceName">The device concerned.</param>
    /// <param name="ioName">The I/O concerned, or <see langword="null"/> for a device-level problem.</param>
    public PiCtoryConfigException(string message, string? deviceName, string? ioName)
        : base(message)
    {
        DeviceName = deviceName;
        IoName = ioName;
    }

    /// <summary>Gets the name of the device concerned, when the problem belongs to one.</summary>
    public string? DeviceName { get; }

    /// <summary>Gets the name of the I/O concerned, when the problem belongs to one.</summary>
    public string? IoName { get; }
}
