using Gpos.DevTools;
using Gpos.Launcher;
using Gpos.LoadGen.Hosting;
using Npgsql;

namespace Gpos.LoadGen.Soak;

/// <summary>
/// <c>soak</c>: starts PostgreSQL (its own cluster under .data/soak-postgres, a fresh database), the simulators and GPOS with
/// the run command's code in this build's configuration on free ports, runs the soak, writes the reports and stops
/// everything. Exit code 0 when every invariant held, 1 otherwise.
/// </summary>
internal static class SoakCommand
{
    private const string DatabaseName = "gpos_soak";

    /// <summary>GPOS's resilience settings during the soak: the production defaults, set explicitly so the report states them.</summary>
    private static readonly Dictionary<string, string> GposSettings = new(StringComparer.Ordinal)
    {
        ["Gpos:Pix:BreakerBreakDuration"] = "00:00:15",
        ["Gpos:Pix:BreakerSamplingDuration"] = "00:00:30",
        ["Gpos:Pix:BreakerMinimumThroughput"] = "10",
        ["Gpos:Pix:AttemptTimeout"] = "00:00:03",
        ["Gpos:Pix:TotalTimeout"] = "00:00:08",
        ["Gpos:Pix:ReconcileInterval"] = "00:00:30",
        ["Gpos:Pix:ReconcileMinimumAge"] = "00:00:30",
        ["Gpos:Cards:RequestTimeout"] = "00:00:10",
        ["Gpos:Cards:ConfirmationWindow"] = "00:01:00",
    };

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = SoakOptions.Parse(args);
        var command = "dotnet run -c Release --project src/Tools/Gpos.LoadGen -- " + string.Join(' ', args);
        RepositoryLayout repository;
        try
        {
            repository = RepositoryLayout.Find();
        }
        catch (InvalidOperationException)
        {
            throw new UsageException("Run the soak from inside the GPOS checkout.");
        }

        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        var pki = DevPki.EnsureCreated(repository.CertsDirectory, TimeProvider.System, Say);
        var database = await GposSystem.ResolveDatabaseAsync(repository,
            new DatabaseChoice("soak-postgres", SystemPorts.Env("GPOS_POSTGRES_PORT", 0), DatabaseName, Fresh: true), Say, cancellationToken);
        SoakReport report;
        try
        {
            var ports = new SystemPorts(FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
            var environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Serilog__MinimumLevel__Default"] = "Warning",
                ["Logging__LogLevel__Default"] = "Warning",
            };
            foreach (var (key, value) in GposSettings)
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            await using var system = await GposSystem.StartAsync(repository, pki, database.Strings, ports, environment, Say, cancellationToken);
            // The audit reads GPOS's own database as superuser (the resolved admin connection names the cluster's default one).
            var admin = database.AdminConnectionString is { } cluster
                ? new NpgsqlConnectionStringBuilder(cluster) { Database = new NpgsqlConnectionStringBuilder(database.Strings.App).Database }.ConnectionString
                : throw new UsageException("The soak audit needs a superuser connection to GPOS's database: set GPOS_DATABASE_ADMIN.");
            var load = new LoadTarget(new Uri($"https://localhost:{ports.Mtls}/"), new Uri($"https://localhost:{ports.Bootstrap}/"),
                new Uri($"https://localhost:{ports.Psp}/"), pki, admin);
            var settings = new Dictionary<string, string>(GposSettings, StringComparer.Ordinal) { ["build"] = configuration };
            var target = new SoakTarget(load, new Uri($"http://127.0.0.1:{ports.CardHostControl}/"),
                new GposResilience(TimeSpan.Parse(GposSettings["Gpos:Pix:BreakerBreakDuration"], System.Globalization.CultureInfo.InvariantCulture),
                    TimeSpan.Parse(GposSettings["Gpos:Cards:RequestTimeout"], System.Globalization.CultureInfo.InvariantCulture), settings));
            report = await SoakRunner.RunAsync(target, options, command, Say, cancellationToken);
        }
        finally
        {
            if (database.Postgres is not null)
            {
                await database.Postgres.StopAsync();
            }
        }

        var text = report.Render();
        Console.WriteLine();
        Console.WriteLine(text);
        await WriteAsync(options.OutJson ?? Path.Combine(repository.Root, "docs", "soak-report.json"), report.ToJson(), cancellationToken);
        await WriteAsync(options.OutMarkdown ?? Path.Combine(repository.Root, "docs", "soak-latest.md"), text, cancellationToken);
        Say(report.Passed ? "Every invariant held." : $"FAILED: {report.Failures.Count} invariant(s) broken.");
        return report.Passed ? 0 : 1;
    }

    private static async Task WriteAsync(string path, string content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, content, cancellationToken);
        Say($"Wrote {path}");
    }

    private static void Say(string message) => Console.WriteLine($"[soak {DateTime.UtcNow:HH:mm:ss}] {message}");
}
