using System.Collections.Frozen;

namespace WebMacs.RevPi;

/// <summary>
/// Holds a parsed piCtory configuration (<c>config.rsc</c>): its devices and every named I/O mapped to the process
/// image. Parsing checks the whole layout, so an instance always describes a usable image: whole-byte offsets, known
/// widths, unique names and no two I/Os sharing a bit.
/// </summary>
public sealed class PiCtoryConfiguration
{
    /// <summary>Gets the size of the piControl process image in bytes (<c>/dev/piControl0</c>).</summary>
    public const int ProcessImageSize = 4096;

    private readonly FrozenDictionary<string, PiCtoryIo> _byName;

    internal PiCtoryConfiguration(IReadOnlyList<PiCtoryDevice> devices, IReadOnlyList<PiCtoryIo> ios)
    {
        Devices = devices;
        Ios = ios;
        _byName = ios.ToFrozenDictionary(io => io.Name, StringComparer.Ordinal);
    }

    /// <summary>Gets the devices in the order piCtory lists them.</summary>
    public IReadOnlyList<PiCtoryDevice> Devices { get; }

    /// <summary>Gets every named I/O of every device, device by device.</summary>
    public IReadOnlyList<PiCtoryIo> Ios { get; }

    /// <summary>Parses piCtory JSON.</summary>
    /// <param name="utf8Json">The content of a <c>config.rsc</c> file, UTF-8 encoded (a byte order mark is allowed).</param>
    /// <returns>The checked configuration.</returns>
    /// <exception cref="PiCtoryConfigException">The JSON or the layout it describes is not valid; the message says where.</exception>
    public static PiCtoryConfiguration Parse(ReadOnlySpan<byte> utf8Json) => PiCtoryParser.Parse(utf8Json);

    /// <summary>Parses piCtory JSON text.</summary>
    /// <param name="json">The content of a <c>config.rsc</c> file.</param>
    /// <returns>The checked configuration.</returns>
    /// <exception cref="PiCtoryConfigException">The JSON or the layout it describes is not valid; the message says where.</exception>
    public static PiCtoryConfiguration Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return PiCtoryParser.Parse(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads and parses a piCtory file.</summary>
    /// <param name="path">The path of the <c>config.rsc</c> file.</param>
    /// <returns>The checked configuration.</returns>
    /// <exception cref="PiCtoryConfigException">The file's content is not a valid configuration; the message names the file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PiCtoryConfiguration Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = File.ReadAllBytes(path);
        try
        {
            return PiCtoryParser.Parse(bytes);
        }
        catch (PiCtoryConfigException ex)
        {
            throw new PiCtoryConfigException($"{path}: {ex.Message}", ex.DeviceName, ex.IoName);
        }
    }

    /// <summary>Finds an I/O by its name.</summary>
    /// <param name="name">The I/O name (case-sensitive, as piCtory writes it).</param>
    /// <returns>The I/O, or <see langword="null"/> when the configuration has none of that name.</returns>
    public PiCtoryIo? FindIo(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.GetValueOrDefault(name);
    }
}
