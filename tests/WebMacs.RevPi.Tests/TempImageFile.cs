namespace WebMacs.RevPi.Tests;

/// <summary>A real file standing in for <c>/dev/piControl0</c>: zero-filled, deleted on dispose.</summary>
internal sealed class TempImageFile : IDisposable
{
    public TempImageFile(int size = PiCtoryConfiguration.ProcessImageSize)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"webmacs-revpi-{Guid.NewGuid():N}.img");
        File.WriteAllBytes(Path, new byte[size]);
    }

    public string Path { get; }

    public byte[] ReadAll() => File.ReadAllBytes(Path);

    public void Poke(int offset, params byte[] bytes)
    {
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        stream.Position = offset;
        stream.Write(bytes);
    }

    public void Dispose() => File.Delete(Path);
}
