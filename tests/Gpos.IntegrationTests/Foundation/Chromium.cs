using System.Diagnostics;

namespace Gpos.IntegrationTests.Foundation;

/// <summary>
/// Debian's Chromium for the browser tests (Playwright drives it by executable path; it downloads no browser).
/// Installed on demand when missing and running as root, as the run command does for PostgreSQL.
/// </summary>
internal static class Chromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    public static readonly string[] HeadlessArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static async Task<string> EnsureInstalledAsync()
    {
        var found = Candidates.FirstOrDefault(File.Exists);
        if (found is not null)
        {
            return found;
        }

        if (Environment.UserName == "root")
        {
            await RunAsync("apt-get", "update -qq");
            await RunAsync("apt-get", "install -y -qq chromium");
        }

        return Candidates.FirstOrDefault(File.Exists)
               ?? throw new InvalidOperationException("Chromium is required for the Swagger UI test: apt-get install chromium");
    }

    private static async Task RunAsync(string file, string arguments)
    {
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(info)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
    }
}
