namespace Gpos.Launcher;

/// <summary>Where things live in a checkout: found by walking up to GposPayments.sln.</summary>
internal sealed record RepositoryLayout(string Root)
{
    public string CertsDirectory => Path.Combine(Root, "certs", "dev");
    public string DataDirectory => Path.Combine(Root, ".data");
    public string ApiProjectDirectory => Path.Combine(Root, "src", "Gpos.Api");

    public static RepositoryLayout Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "GposPayments.sln")))
                {
                    return new RepositoryLayout(dir.FullName);
                }
            }
        }

        throw new InvalidOperationException("Run from inside the GPOS Payments checkout (GposPayments.sln not found).");
    }

    /// <summary>The built host next to the launcher's own build (same configuration).</summary>
    public static string BuiltAssembly(string projectDirectory, string assemblyName)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        var path = Path.Combine(projectDirectory, "bin", configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build the solution first.", path);
    }
}
