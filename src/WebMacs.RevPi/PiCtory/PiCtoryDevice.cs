namespace WebMacs.RevPi;

/// <summary>Describes one device (module) of a piCtory configuration with its mapped I/Os.</summary>
public sealed class PiCtoryDevice
{
    /// <summary>Gets the device name given in piCtory (<c>name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the equipment identifier (<c>bmk</c>), or the name when piCtory gives none.</summary>
    public required string Label { get; init; }

    /// <summary>Gets the device type: <c>BASE</c>, <c>LEFT_RIGHT</c>, <c>VIRTUAL</c>, … (empty when missing).</summary>
    public required string Type { get; init; }

    /// <summary>Gets the KUNBUS product type number as text (empty when missing).</summary>
    public string ProductType { get; init; } = string.Empty;

    /// <summary>Gets the catalog number, for example <c>RevPiDIO</c>, or <see langword="null"/> when missing.</summary>
    public string? CatalogNumber { get; init; }

    /// <summary>Gets the position of the device in the piCtory layout (0 for the base module), or −1 when missing.</summary>
    public int Position { get; init; } = -1;

    /// <summary>Gets the byte offset of the device in the process image.</summary>
    public required int Offset { get; init; }

    /// <summary>Gets the piCtory comment of the device, or <see langword="null"/> when it has none.</summary>
    public string? Comment { get; init; }

    /// <summary>Gets the device's named I/Os (inputs, then outputs, then memory values, each in piCtory order).</summary>
    public required IReadOnlyList<PiCtoryIo> Ios { get; init; }
}
