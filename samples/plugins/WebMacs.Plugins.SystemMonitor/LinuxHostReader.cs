using System.Globalization;

namespace WebMacs.Plugins.SystemMonitor;

/// <summary>
/// Reads host metrics from procfs and sysfs (Linux) and the disk through <see cref="DriveInfo"/>. Every reader is
/// guarded: a missing or unreadable file gives a <see cref="Metric"/> with the reason instead of an exception.
/// </summary>
internal sealed class LinuxHostReader(string procRoot, string sysRoot, string diskPath)
{
    private const double BytesPerGb = 1024.0 * 1024 * 1024;

    /// <summary>The sensor names tried first for the CPU temperature, in order (as psutil's caller in the original).</summary>
    private static readonly string[] PreferredSensors = ["coretemp", "cpu_thermal", "cpu-thermal", "soc_thermal", "k10temp", "zenpower"];

    private readonly Lock cpuGate = new();
    private (ulong Idle, ulong Total)? lastCpu;
    private double lastCpuPercent;

    /// <summary>Takes the first CPU sample so the next <see cref="CpuPercent"/> measures the interval in between.</summary>
    public void PrimeCpu() => _ = CpuPercent();

    /// <summary>Gets the CPU usage in percent since the previous call (since boot on the first call).</summary>
    public Metric CpuPercent() => Guard("/proc/stat", () =>
    {
        var line = File.ReadLines(Path.Combine(procRoot, "stat")).FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        if (line is null)
        {
            return Metric.Missing($"{procRoot}/stat has no 'cpu' line");
        }

        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(f => ulong.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        if (fields.Length < 4)
        {
            return Metric.Missing($"{procRoot}/stat has a short 'cpu' line");
        }

        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
        var total = fields.Aggregate(0UL, (a, b) => a + b);
        lock (cpuGate)
        {
            var (prevIdle, prevTotal) = lastCpu ?? (0UL, 0UL);
            lastCpu = (idle, total);
            if (total > prevTotal)
            {
                var elapsed = total - prevTotal;
                var idled = Math.Min(idle >= prevIdle ? idle - prevIdle : 0, elapsed);
                lastCpuPercent = Math.Round(100.0 * (elapsed - idled) / elapsed, 1);
            }

            return Metric.Of(Math.Clamp(lastCpuPercent, 0, 100));
        }
    });

    /// <summary>Gets the memory in use in percent: (MemTotal − MemAvailable) / MemTotal.</summary>
    public Metric MemoryPercent() => Memory((total, available) => Math.Round(100.0 * (total - available) / total, 1));

    /// <summary>Gets the memory in use in GiB (MemTotal − MemAvailable), rounded to 2 decimals.</summary>
    public Metric MemoryUsedGb() => Memory((total, available) => Math.Round((total - available) * 1024.0 / BytesPerGb, 2));

    /// <summary>Gets the disk usage in percent as <c>df</c> shows it: used / (used + available to users).</summary>
    public Metric DiskPercent() => Disk(d =>
    {
        var used = (double)(d.TotalSize - d.TotalFreeSpace);
        var usable = used + d.AvailableFreeSpace;
        return usable <= 0 ? 0 : Math.Round(100.0 * used / usable, 1);
    });

    /// <summary>Gets the used disk space in GiB, rounded to 2 decimals.</summary>
    public Metric DiskUsedGb() => Disk(d => Math.Round((d.TotalSize - d.TotalFreeSpace) / BytesPerGb, 2));

    /// <summary>Gets the 1-minute load average.</summary>
    public Metric LoadAverage1Minute() => Guard("/proc/loadavg", () =>
    {
        var first = File.ReadAllText(Path.Combine(procRoot, "loadavg")).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is not null && double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
            ? Metric.Of(load)
            : Metric.Missing($"{procRoot}/loadavg has no load average");
    });

    /// <summary>
    /// Gets the CPU temperature in °C: the first reading of the first hwmon sensor named coretemp, cpu_thermal,
    /// cpu-thermal, soc_thermal, k10temp or zenpower; otherwise of any hwmon sensor; otherwise of a thermal zone.
    /// </summary>
    public Metric CpuTemperature() => Guard("/sys/class/hwmon", () =>
    {
        var hwmon = Path.Combine(sysRoot, "class", "hwmon");
        var sensors = Directory.Exists(hwmon)
            ? Directory.GetDirectories(hwmon).Order(StringComparer.Ordinal)
                .Select(dir => (Name: ReadTrimmed(Path.Combine(dir, "name")) ?? "", Input: FirstTemperatureInput(dir)))
                .Where(s => s.Input is not null)
                .ToList()
            : [];
        var chosen = PreferredSensors.Select(n => sensors.FirstOrDefault(s => s.Name == n)).FirstOrDefault(s => s.Input is not null);
        var input = chosen.Input ?? sensors.FirstOrDefault().Input ?? FirstThermalZone();
        if (input is null)
        {
            return Metric.Missing($"no temperature sensor under {hwmon} or {Path.Combine(sysRoot, "class", "thermal")}");
        }

        var text = ReadTrimmed(input);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var milli)
            ? Metric.Of(milli / 1000.0)
            : Metric.Missing($"{input} does not hold a temperature");
    });

    private Metric Memory(Func<double, double, double> compute) => Guard("/proc/meminfo", () =>
    {
        double? total = null, available = null;
        foreach (var line in File.ReadLines(Path.Combine(procRoot, "meminfo")))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                total = KiloBytes(line);
            }
            else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                available = KiloBytes(line);
            }
        }

        return total is > 0 && available is { } free
            ? Metric.Of(compute(total.Value, Math.Min(free, total.Value)))
            : Metric.Missing($"{procRoot}/meminfo lacks MemTotal or MemAvailable");
    });

    private Metric Disk(Func<DriveInfo, double> compute) => Guard(diskPath, () =>
    {
        var drive = new DriveInfo(diskPath);
        return drive.IsReady ? Metric.Of(compute(drive)) : Metric.Missing($"the disk of {diskPath} is not ready");
    });

    private string? FirstThermalZone()
    {
        var thermal = Path.Combine(sysRoot, "class", "thermal");
        return Directory.Exists(thermal)
            ? Directory.GetDirectories(thermal, "thermal_zone*").Order(StringComparer.Ordinal)
                .Select(dir => Path.Combine(dir, "temp")).FirstOrDefault(File.Exists)
            : null;
    }

    private static string? FirstTemperatureInput(string dir) =>
        Directory.GetFiles(dir, "temp*_input").Order(StringComparer.Ordinal).FirstOrDefault();

    private static string? ReadTrimmed(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    private static double? KiloBytes(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var kb) ? kb : null;
    }

    private static Metric Guard(string source, Func<Metric> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or OverflowException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            return Metric.Missing($"{source} cannot be read: {ex.Message}");
        }
    }
}
