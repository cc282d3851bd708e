namespace WebMacs.RevPi;

/// <summary>Checks that no two I/Os share a bit of the process image.</summary>
internal static class PiCtoryLayout
{
    public static void CheckOverlaps(IReadOnlyList<PiCtoryIo> ios)
    {
        var spans = new (long Start, long End, int Index)[ios.Count];
        for (var i = 0; i < ios.Count; i++)
        {
            var io = ios[i];
            var start = (io.Offset * 8L) + (io.Bit ?? 0);
            spans[i] = (start, start + (io.Type == PiCtoryIoType.Bit ? 1 : io.BitLength), i);
        }

        // Sort by start; equal starts keep piCtory order, so the I/O listed later is the one reported.
        Array.Sort(spans, static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Index.CompareTo(b.Index));
        PiCtoryIo? widest = null;
        var widestEnd = long.MinValue;
        foreach (var (start, end, index) in spans)
        {
            var io = ios[index];
            if (widest is not null && start < widestEnd)
            {
                throw new PiCtoryConfigException(
                    $"piCtory I/O '{io.Name}' of device '{io.DeviceName}' ({io.DescribeLocation()}) overlaps I/O '{widest.Name}' "
                    + $"of device '{widest.DeviceName}' ({widest.DescribeLocation()}); check the device and I/O offsets in piCtory.",
                    io.DeviceName,
                    io.Name);
            }

            if (end > widestEnd)
            {
                widest = io;
                widestEnd = end;
            }
        }
    }
}
