using System.Globalization;

namespace WebMacs.LoadTest;

/// <summary>Samples a host process's resident memory (VmRSS from /proc) once a second.</summary>
internal sealed class HostMemory(int? pid)
{
    private readonly List<(double Seconds, long Bytes)> samples = [];

    public IReadOnlyList<(double Seconds, long Bytes)> Samples => samples;

    public async Task RunAsync(TimeSpan every, CancellationToken cancellationToken)
    {
        if (pid is null)
        {
            return;
        }

        var started = DateTime.UtcNow;
        using var timer = new PeriodicTimer(every);
        try
        {
            do
            {
                if (Read(pid.Value) is { } bytes)
                {
                    lock (samples)
                    {
                        samples.Add(((DateTime.UtcNow - started).TotalSeconds, bytes));
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    public string Describe()
    {
        lock (samples)
        {
            if (samples.Count == 0)
            {
                return "not measured (pass --host-pid)";
            }

            var max = samples.Max(s => s.Bytes);
            var third = Math.Max(1, samples.Count / 3);
            var first = samples.Take(third).Average(s => s.Bytes);
            var last = samples.Skip(samples.Count - third).Average(s => s.Bytes);
            return FormattableString.Invariant($"max {max / 1048576.0:F0} MB · first third avg {first / 1048576.0:F0} MB · last third avg {last / 1048576.0:F0} MB");
        }
    }

    private static long? Read(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            return null;
        }

        return null;
    }
}
