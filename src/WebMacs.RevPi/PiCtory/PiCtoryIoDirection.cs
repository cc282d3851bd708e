namespace WebMacs.RevPi;

/// <summary>Names the piCtory section an I/O comes from.</summary>
public enum PiCtoryIoDirection
{
    /// <summary>Marks an input (<c>inp</c>): written by the module, read by applications.</summary>
    Input,

    /// <summary>Marks an output (<c>out</c>): written by applications, sent to the module.</summary>
    Output,

    /// <summary>Marks a memory value (<c>mem</c>): a module setting that piControl writes once at start.</summary>
    Memory,
}
