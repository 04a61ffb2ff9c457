using Gpos.DevTools;
using Gpos.Launcher;
using Gpos.LoadGen.Measurement;
using Gpos.LoadGen.Reporting;

namespace Gpos.LoadGen.Hosting;

/// <summary>
/// The one command: without <c>--target</c> it starts PostgreSQL (its own cluster under .data/perf-postgres, a fresh
/// database), the simulators and GPOS with the run command's code (<see cref="GposSystem"/>) in this build's configuration
/// on free ports, measures start-to-ready and idle memory, runs the suite, writes the reports and stops everything.
/// </summary>
internal static class Suite
{
    public static async Task<int> RunAsync(LoadOptions options, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var command = "dotnet run -c Release --project src/Tools/Gpos.LoadGen -- " + string.Join(' ', args);
        var repository = TryFindRepository();
        SuiteReport report;
        if (options.Target is { } mtls)
        {
            var certs = options.Certs ?? (repository is null ? Path.Combine("certs", "dev") : repository.CertsDirectory);
            if (!File.Exists(Path.Combine(certs, "root-ca.crt")) || !File.Exists(Path.Combine(certs, "ops-token.txt")))
            {
                throw new UsageException($"--certs: {Path.GetFullPath(certs)} does not hold the dev PKI of the target (root-ca.crt, ops-token.txt).");
            }

            var target = new LoadTarget(mtls, options.Bootstrap ?? new UriBuilder(mtls) { Port = mtls.Port + 1 }.Uri,
                options.Psp ?? new Uri("https://localhost:7450/"), DevPki.EnsureCreated(certs, TimeProvider.System),
                options.Database ?? Environment.GetEnvironmentVariable("GPOS_DATABASE_ADMIN"));
            report = await SuiteRunner.RunAsync(target, options, command, facts: null, [], Say, cancellationToken);
        }
        else
        {
            if (repository is null)
            {
                throw new UsageException("Run the suite from inside the GPOS checkout, or give --target.");
            }

            report = await RunOwnSystemAsync(repository, options, command, cancellationToken);
        }

        var text = TextReport.Render(report);
        Console.WriteLine();
        Console.WriteLine(text);
        await WriteAsync(options.OutJson ?? Default(repository, "perf-report.json"), report.ToJson(), cancellationToken);
        await WriteAsync(options.OutMarkdown ?? Default(repository, "performance-latest.md"), text, cancellationToken);
        return 0;
    }

    private static async Task<SuiteReport> RunOwnSystemAsync(RepositoryLayout repository, LoadOptions options, string command,
        CancellationToken cancellationToken)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        var pki = DevPki.EnsureCreated(repository.CertsDirectory, TimeProvider.System, Say);
        var database = await GposSystem.ResolveDatabaseAsync(repository,
            new DatabaseChoice("perf-postgres", SystemPorts.Env("GPOS_POSTGRES_PORT", 0), "gpos_perf", Fresh: true), Say, cancellationToken);
        try
        {
            var ports = SystemPorts.FromEnvironment(new SystemPorts(FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next()));
            var quiet = new Dictionary<string, string>
            {
                ["Serilog__MinimumLevel__Default"] = "Warning",
                ["Logging__LogLevel__Default"] = "Warning",
                // Where the API's start to ready goes: each schema's migrations and the start timeline.
                ["Serilog__MinimumLevel__Override__Gpos.Api.Database"] = "Information",
                ["Serilog__MinimumLevel__Override__Gpos.Api.Startup"] = "Information",
                // The suite measures capacity: a few virtual terminals carry the load of thousands of real ones, which the
                // per-terminal rate limit (50/s) would otherwise refuse with 429.
                ["Gpos__RateLimits__Enabled"] = "false",
            };
            await using var system = await GposSystem.StartAsync(repository, pki, database.Strings, ports, quiet, Say, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            system.Api.Refresh();
            var facts = new SystemFacts(Math.Round(system.ApiStartToReady.TotalMilliseconds), Math.Round(system.Api.WorkingSet64 / (1024.0 * 1024), 1),
                configuration);
            Say($"API ready {facts.ApiStartToReadyMs} ms after start; idle resident memory {facts.ApiIdleResidentMiB} MiB");
            var watched = new List<WatchedProcess>
            {
                WatchedProcess.One("api", () => system.Api.Id),
                WatchedProcess.One("psp simulator", () => system.Children[0].Id),
                WatchedProcess.One("card host simulator", () => system.Children[1].Id),
            };
            if (database.Postgres is not null)
            {
                watched.Add(WatchedProcess.Postgres(Path.Combine(repository.DataDirectory, "perf-postgres", "pgdata")));
            }

            var target = new LoadTarget(new Uri($"https://localhost:{ports.Mtls}/"), new Uri($"https://localhost:{ports.Bootstrap}/"),
                new Uri($"https://localhost:{ports.Psp}/"), pki, database.AdminConnectionString);
            var report = await SuiteRunner.RunAsync(target, options, command, facts, watched, Say, cancellationToken);
            return configuration == "Release"
                ? report
                : report with { Notes = [.. report.Notes, $"GPOS ran in {configuration}: use -c Release for figures."] };
        }
        finally
        {
            if (database.Postgres is not null)
            {
                await database.Postgres.StopAsync();
            }
        }
    }

    private static async Task WriteAsync(string? path, string content, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, content, cancellationToken);
        Say($"Wrote {path}");
    }

    private static string? Default(RepositoryLayout? repository, string file) =>
        repository is null ? null : Path.Combine(repository.Root, "docs", file);

    private static RepositoryLayout? TryFindRepository()
    {
        try
        {
            return RepositoryLayout.Find();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static void Say(string message) => Console.WriteLine($"[loadgen {DateTime.UtcNow:HH:mm:ss}] {message}");
}
