using System.Globalization;
using System.Text.Json;

namespace WebMacs.RevPi;

/// <summary>
/// Maps one positional piCtory entry <c>[name, default, bitLength, byteOffset, exported, sortOrder, comment,
/// bitAddress]</c> to a <see cref="PiCtoryIo"/> at its absolute place in the process image.
/// </summary>
internal static class PiCtoryIoParser
{
    private const int NameField = 0;
    private const int DefaultField = 1;
    private const int BitLengthField = 2;
    private const int OffsetField = 3;
    private const int ExportedField = 4;
    private const int CommentField = 6;
    private const int BitAddressField = 7;

    /// <summary>Parses an entry; returns <see langword="null"/> for an entry without a name (piCtory leaves none, but skip them).</summary>
    public static PiCtoryIo? Parse(
        string deviceName, int deviceOffset, PiCtoryIoDirection direction, string section, string key, JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Array || entry.GetArrayLength() <= OffsetField)
        {
            throw new PiCtoryConfigException(
                $"piCtory device '{deviceName}': \"{section}\" entry {key} is not the positional array "
                + "[name, default, bitLength, byteOffset, exported, sortOrder, comment, bitAddress].",
                deviceName,
                null);
        }

        var fields = new JsonElement[Math.Max(entry.GetArrayLength(), BitAddressField + 1)];
        var count = 0;
        foreach (var field in entry.EnumerateArray())
        {
            fields[count++] = field;
        }

        var name = fields[NameField].ValueKind == JsonValueKind.String ? fields[NameField].GetString()?.Trim() : null;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var where = $"piCtory I/O '{name}' of device '{deviceName}'";
        var bitLengthElement = fields[BitLengthField];
        if (!PiCtoryJson.TryGetNumber(bitLengthElement, out var bitLengthValue) || bitLengthValue != Math.Floor(bitLengthValue))
        {
            throw new PiCtoryConfigException($"{where}: bit length {bitLengthElement.GetRawText()} is not a whole number.", deviceName, name);
        }

        var bitLength = (int)Math.Clamp(bitLengthValue, int.MinValue, int.MaxValue);
        var type = bitLength switch
        {
            1 => PiCtoryIoType.Bit,
            8 => PiCtoryIoType.Byte,
            16 => PiCtoryIoType.Word,
            32 => PiCtoryIoType.DoubleWord,
            > 32 and <= PiCtoryConfiguration.ProcessImageSize * 8 when bitLength % 8 == 0 => PiCtoryIoType.Block,
            _ => throw new PiCtoryConfigException(
                $"{where}: bit length {bitLength} is not a known I/O type (1-bit BOOL, 8-bit BYTE, 16-bit WORD, 32-bit DWORD "
                + "or a block of whole bytes).",
                deviceName,
                name),
        };

        var offsetElement = fields[OffsetField];
        if (!PiCtoryJson.TryGetNumber(offsetElement, out var relative) || relative != Math.Floor(relative) || relative < 0)
        {
            throw new PiCtoryConfigException(
                $"{where}: byte offset {offsetElement.GetRawText()} is not a whole, non-negative number of bytes.", deviceName, name);
        }

        var offset = deviceOffset + relative;
        int? bit = null;
        var bitAddressElement = fields[BitAddressField];
        var hasBitAddress = PiCtoryJson.AsText(bitAddressElement) is not null;
        if (type == PiCtoryIoType.Bit)
        {
            if (!PiCtoryJson.TryGetNumber(bitAddressElement, out var bitAddress) || bitAddress != Math.Floor(bitAddress) || bitAddress < 0)
            {
                var raw = bitAddressElement.ValueKind == JsonValueKind.Undefined ? "none" : bitAddressElement.GetRawText();
                throw new PiCtoryConfigException(
                    $"{where}: a 1-bit I/O needs a whole, non-negative bit address; found {raw}.", deviceName, name);
            }

            // Bit address 8 is bit 0 of the next byte.
            offset += Math.Floor(bitAddress / 8);
            bit = (int)(bitAddress % 8);
        }
        else if (hasBitAddress)
        {
            throw new PiCtoryConfigException(
                $"{where}: a {bitLength}-bit I/O cannot have a bit address ({bitAddressElement.GetRawText()}).", deviceName, name);
        }

        var byteLength = type == PiCtoryIoType.Bit ? 1 : bitLength / 8;
        if (offset + byteLength > PiCtoryConfiguration.ProcessImageSize)
        {
            throw new PiCtoryConfigException(
                FormattableString.Invariant(
                    $"{where}: byte {offset} + {byteLength} lies outside the {PiCtoryConfiguration.ProcessImageSize}-byte process image."),
                deviceName,
                name);
        }

        var defaultText = PiCtoryJson.AsText(fields[DefaultField]);
        var defaultValue = double.TryParse(defaultText, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            && double.IsFinite(parsed) ? parsed : 0;
        if (type == PiCtoryIoType.Bit)
        {
            defaultValue = defaultValue != 0 ? 1 : 0;
        }

        return new PiCtoryIo
        {
            Name = name,
            DeviceName = deviceName,
            Direction = direction,
            Type = type,
            BitLength = bitLength,
            Offset = (int)offset,
            Bit = bit,
            DefaultValue = defaultValue,
            DefaultText = defaultText,
            Comment = PiCtoryJson.AsText(fields[CommentField]),
            IsExported = PiCtoryJson.IsTruthy(fields[ExportedField]),
        };
    }
}
