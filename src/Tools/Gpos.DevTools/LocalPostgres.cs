using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Gpos.DevTools;

/// <summary>
/// A PostgreSQL cluster in a folder of its own, for the run command and the tests (design.md §7). It initialises the
/// cluster on first use (scram-sha-256 with a generated superuser password, loopback TCP only, no Unix socket),
/// runs the server as a non-root user when started as root (PostgreSQL refuses to run as root), and installs
/// Debian's postgresql package when no binaries are found and installing is allowed.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private readonly string _dataDirectory;
    private readonly string _binDirectory;
    private readonly string? _runAsUser;

    private LocalPostgres(string dataDirectory, string binDirectory, string? runAsUser, int port, string password)
    {
        _dataDirectory = dataDirectory;
        _binDirectory = binDirectory;
        _runAsUser = runAsUser;
        Port = port;
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username={Superuser};Password={password};Database=postgres;Pooling=false";
    }

    public int Port { get; }

    /// <summary>Superuser connection string (development and tests only).</summary>
    public string AdminConnectionString { get; }

    /// <summary>
    /// Starts (initialising first when needed) the cluster in <paramref name="dataDirectory"/> on
    /// <paramref name="port"/> (0: any free port), and waits until it accepts connections.
    /// </summary>
    public static async Task<LocalPostgres> StartAsync(string dataDirectory, int port, bool allowInstall, Action<string> log,
        CancellationToken cancellationToken)
    {
        var bin = FindBinaries() ?? (allowInstall ? await InstallAsync(log, cancellationToken) : null)
                  ?? throw new InvalidOperationException("PostgreSQL binaries (initdb, pg_ctl) not found; install Debian's postgresql package.");
        var runAs = Environment.UserName == "root" ? await EnsureServiceUserAsync(cancellationToken) : null;
        Directory.CreateDirectory(dataDirectory);
        var passwordFile = Path.Combine(dataDirectory, "superuser.password");
        var pgData = Path.Combine(dataDirectory, "pgdata");
        if (port == 0)
        {
            port = FreePort();
        }

        if (!File.Exists(Path.Combine(pgData, "PG_VERSION")))
        {
            log($"Initialising a PostgreSQL cluster in {pgData}");
            if (Directory.Exists(pgData))
            {
                Directory.Delete(pgData, recursive: true); // a half-initialised cluster from an interrupted run
            }

            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();
            await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            await ChownAsync(runAs, dataDirectory, cancellationToken);
            await RunAsync(runAs, Path.Combine(bin, "initdb"),
                ["-D", pgData, "-U", Superuser, "--pwfile", passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"],
                cancellationToken);
        }

        var superPassword = (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();
        var instance = new LocalPostgres(dataDirectory, bin, runAs, port, superPassword);
        await instance.StartServerAsync(cancellationToken);
        return instance;
    }

    /// <summary>Stops the server (fast shutdown). The data stays for the next start.</summary>
    public async Task StopAsync()
    {
        await RunAsync(_runAsUser, Path.Combine(_binDirectory, "pg_ctl"),
            ["-D", Path.Combine(_dataDirectory, "pgdata"), "-m", "fast", "-w", "stop"], CancellationToken.None, ignoreFailure: true);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Stops a cluster left running in <paramref name="dataDirectory"/> by a process that no longer exists.</summary>
    public static async Task StopOrphanAsync(string dataDirectory)
    {
        var pgData = Path.Combine(dataDirectory, "pgdata");
        var bin = FindBinaries();
        if (bin is null || !File.Exists(Path.Combine(pgData, "postmaster.pid")))
        {
            return;
        }

        var runAs = Environment.UserName == "root" ? await EnsureServiceUserAsync(CancellationToken.None) : null;
        await RunAsync(runAs, Path.Combine(bin, "pg_ctl"), ["-D", pgData, "-m", "immediate", "-w", "stop"], CancellationToken.None,
            ignoreFailure: true);
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var pgData = Path.Combine(_dataDirectory, "pgdata");
        // A server left running by a killed run holds the data directory: stop it before starting ours.
        await RunAsync(_runAsUser, Path.Combine(_binDirectory, "pg_ctl"), ["-D", pgData, "-m", "immediate", "-w", "stop"],
            cancellationToken, ignoreFailure: true);
        var options = string.Join(' ',
            $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
            "-c listen_addresses=127.0.0.1",
            "-c unix_socket_directories=''",
            "-c max_connections=300",
            "-c shared_buffers=256MB",
            "-c fsync=on",
            "-c synchronous_commit=on");
        await RunAsync(_runAsUser, Path.Combine(_binDirectory, "pg_ctl"),
            ["-D", pgData, "-l", Path.Combine(_dataDirectory, "postgres.log"), "-o", options, "-w", "-t", "60", "start"],
            cancellationToken);
    }

    private static string? FindBinaries()
    {
        var candidates = new List<string>();
        var onPath = Environment.GetEnvironmentVariable("PATH")?.Split(':') ?? [];
        candidates.AddRange(onPath);
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "bin")));
        }

        foreach (var dir in candidates.Where(d => d.Length > 0))
        {
            var initdb = Path.Combine(dir, "initdb");
            if (File.Exists(initdb) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                // Follow symlinks (e.g. /usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb) so that
                // pg_ctl finds the postgres binary that belongs to it.
                var resolved = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb;
                return Path.GetDirectoryName(resolved);
            }
        }

        return null;
    }

    private static async Task<string?> InstallAsync(Action<string> log, CancellationToken cancellationToken)
    {
        if (Environment.UserName != "root")
        {
            return null;
        }

        log("PostgreSQL binaries not found: installing Debian's postgresql package");
        await RunAsync(null, "apt-get", ["update", "-qq"], cancellationToken);
        await RunAsync(null, "apt-get", ["install", "-y", "-qq", "postgresql"], cancellationToken,
            environment: new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" });
        return FindBinaries();
    }

    private static async Task<string> EnsureServiceUserAsync(CancellationToken cancellationToken)
    {
        foreach (var candidate in new[] { "postgres", "gpos" })
        {
            if ((await RunAsync(null, "id", ["-u", candidate], cancellationToken, ignoreFailure: true)).ExitCode == 0)
            {
                return candidate;
            }
        }

        await RunAsync(null, "useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "gpos"], cancellationToken);
        return "gpos";
    }

    private static async Task ChownAsync(string? user, string directory, CancellationToken cancellationToken)
    {
        if (user is null || OperatingSystem.IsWindows())
        {
            return;
        }

        await RunAsync(null, "chown", ["-R", $"{user}:", directory], cancellationToken);
        // The service user must be able to reach the data directory: open the path's ancestors for traversal only
        // where they deny it (a 0700 temp folder, say). Listing stays denied (o+x, not o+r).
        for (var dir = Path.GetDirectoryName(Path.GetFullPath(directory)); dir is not null && dir != "/"; dir = Path.GetDirectoryName(dir))
        {
            var mode = File.GetUnixFileMode(dir);
            if ((mode & UnixFileMode.OtherExecute) == 0)
            {
                File.SetUnixFileMode(dir, mode | UnixFileMode.OtherExecute);
            }
        }
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(string? asUser, string fileName, IReadOnlyList<string> arguments,
        CancellationToken cancellationToken, bool ignoreFailure = false, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = asUser is null ? new ProcessStartInfo(fileName) : new ProcessStartInfo("runuser");
        if (asUser is not null)
        {
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add(asUser);
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(fileName);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = "/";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = await stdout + await stderr;
        if (process.ExitCode != 0 && !ignoreFailure)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output}");
        }

        return (process.ExitCode, output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
