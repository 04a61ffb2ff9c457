namespace Gpos.TerminalClient.Tests;

/// <summary>A fresh folder under the temp directory for one terminal store, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"gpos-terminal-{Guid.NewGuid():N}", "store");

    public string Path { get; }

    /// <summary>The POSIX mode of a file or folder (these tests run on Linux, as the CI does).</summary>
    public static UnixFileMode ModeOf(string path) => OperatingSystem.IsWindows()
        ? throw new PlatformNotSupportedException("POSIX file modes")
        : File.GetUnixFileMode(path);

    public void Dispose()
    {
        var parent = System.IO.Path.GetDirectoryName(Path)!;
        if (Directory.Exists(parent))
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
