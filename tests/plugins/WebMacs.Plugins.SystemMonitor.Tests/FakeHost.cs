using System.Text.Json;

namespace WebMacs.Plugins.SystemMonitor.Tests;

/// <summary>A throw-away procfs/sysfs tree in a temporary folder.</summary>
internal sealed class FakeHost : IDisposable
{
    public FakeHost()
    {
        Root = Directory.CreateTempSubdirectory("webmacs-sysmon-").FullName;
        Directory.CreateDirectory(Proc);
        Directory.CreateDirectory(Sys);
    }

    public string Root { get; }

    public string Proc => Path.Combine(Root, "proc");

    public string Sys => Path.Combine(Root, "sys");

    public string Config => JsonSerializer.Serialize(new Dictionary<string, object> { ["demo_mode"] = false, ["proc_root"] = Proc, ["sys_root"] = Sys, ["disk_path"] = Root });

    public FakeHost Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
