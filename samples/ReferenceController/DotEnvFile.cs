namespace WebMacs.ReferenceController;

/// <summary>Reads <c>.env</c> from the working directory (as the original controller does) without overriding real variables.</summary>
internal static class DotEnvFile
{
    public static void LoadIfPresent(string path = ".env")
    {
        if (File.Exists(path))
        {
            DotNetEnv.Env.NoClobber().Load(path);
        }
    }
}
