using System.Text.Json;

namespace WebMacs.RevPi;

/// <summary>
/// Reads piCtory's <c>config.rsc</c>: <c>Devices[]</c> with a byte <c>offset</c> each, and per device the sections
/// <c>inp</c>, <c>out</c> and <c>mem</c>, each mapping an index to the positional array
/// <c>[name, default, bitLength, byteOffset, exported, sortOrder, comment, bitAddress]</c>.
/// </summary>
internal static class PiCtoryParser
{
    private static readonly (string Key, PiCtoryIoDirection Direction)[] Sections =
    [
        ("inp", PiCtoryIoDirection.Input),
        ("out", PiCtoryIoDirection.Output),
        ("mem", PiCtoryIoDirection.Memory),
    ];

    public static PiCtoryConfiguration Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions
            {
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
            });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new PiCtoryConfigException($"The piCtory configuration is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("Devices", out var devicesElement)
                || devicesElement.ValueKind != JsonValueKind.Array)
            {
                throw new PiCtoryConfigException("The piCtory configuration has no \"Devices\" list.");
            }

            var devices = new List<PiCtoryDevice>();
            var ios = new List<PiCtoryIo>();
            var byName = new Dictionary<string, PiCtoryIo>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in devicesElement.EnumerateArray())
            {
                var device = ParseDevice(element, ++index, byName);
                devices.Add(device);
                ios.AddRange(device.Ios);
            }

            PiCtoryLayout.CheckOverlaps(ios);
            return new PiCtoryConfiguration(devices, ios);
        }
    }

    private static PiCtoryDevice ParseDevice(JsonElement element, int number, Dictionary<string, PiCtoryIo> byName)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PiCtoryConfigException($"piCtory device #{number} is not an object.");
        }

        var name = PiCtoryJson.GetString(element, "name") ?? PiCtoryJson.GetString(element, "id") ?? $"#{number}";
        var position = PiCtoryJson.TryGetWhole(element, "position", out var p) ? (int)p : -1;
        var where = position >= 0 ? $"piCtory device '{name}' (position {position})" : $"piCtory device '{name}'";
        if (!element.TryGetProperty("offset", out var offsetElement))
        {
            throw new PiCtoryConfigException($"{where} has no offset.", name, null);
        }

        if (!PiCtoryJson.TryGetNumber(offsetElement, out var offset))
        {
            throw new PiCtoryConfigException($"{where}: offset {offsetElement.GetRawText()} is not a number.", name, null);
        }

        if (offset != Math.Floor(offset))
        {
            throw new PiCtoryConfigException(
                $"{where}: offset {offsetElement.GetRawText()} is not a whole byte; process-image offsets count whole bytes.",
                name,
                null);
        }

        if (offset is < 0 or >= PiCtoryConfiguration.ProcessImageSize)
        {
            throw new PiCtoryConfigException(
                $"{where}: offset {offsetElement.GetRawText()} lies outside the {PiCtoryConfiguration.ProcessImageSize}-byte process image.",
                name,
                null);
        }

        var context = new DeviceContext(name, (int)offset, byName);
        var ios = new List<PiCtoryIo>();
        foreach (var (key, direction) in Sections)
        {
            if (!element.TryGetProperty(key, out var section) || section.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (section.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in section.EnumerateObject())
                {
                    AddIo(ios, context, direction, key, entry.Name, entry.Value);
                }
            }
            else if (section.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var entry in section.EnumerateArray())
                {
                    AddIo(ios, context, direction, key, (i++).ToString(System.Globalization.CultureInfo.InvariantCulture), entry);
                }
            }
            else
            {
                throw new PiCtoryConfigException($"{where}: \"{key}\" is neither an object nor an array.", name, null);
            }
        }

        return new PiCtoryDevice
        {
            Name = name,
            Label = PiCtoryJson.GetString(element, "bmk") ?? name,
            Type = PiCtoryJson.GetString(element, "type") ?? string.Empty,
            ProductType = PiCtoryJson.GetString(element, "productType") ?? string.Empty,
            CatalogNumber = PiCtoryJson.GetString(element, "catalogNr"),
            Position = position,
            Offset = (int)offset,
            Comment = PiCtoryJson.GetString(element, "comment"),
            Ios = ios,
        };
    }

    private static void AddIo(
        List<PiCtoryIo> ios, DeviceContext device, PiCtoryIoDirection direction, string section, string key, JsonElement entry)
    {
        var io = PiCtoryIoParser.Parse(device.Name, device.Offset, direction, section, key, entry);
        if (io is null)
        {
            return;
        }

        if (device.ByName.TryGetValue(io.Name, out var existing))
        {
            throw new PiCtoryConfigException(
                $"piCtory I/O '{io.Name}' of device '{device.Name}' ({io.DescribeLocation()}): the name is already used by "
                + $"the I/O of device '{existing.DeviceName}' ({existing.DescribeLocation()}); I/O names must be unique.",
                device.Name,
                io.Name);
        }

        device.ByName.Add(io.Name, io);
        ios.Add(io);
    }

    private sealed record DeviceContext(string Name, int Offset, Dictionary<string, PiCtoryIo> ByName);
}
