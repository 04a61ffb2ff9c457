using System.Diagnostics;
using System.Globalization;
using Gpos.DevTools;

namespace Gpos.Launcher;

/// <summary>Ports of the processes the run command starts.</summary>
internal sealed record SystemPorts(int Mtls, int Bootstrap, int Psp, int CardHost, int CardHostControl)
{
    public static readonly SystemPorts Defaults = new(7443, 7444, 7450, 7460, 7461);

    /// <summary><c>GPOS_MTLS_PORT</c>, <c>GPOS_BOOTSTRAP_PORT</c>, <c>GPOS_PSP_PORT</c>, <c>GPOS_CARDHOST_PORT</c>,
    /// <c>GPOS_CARDHOST_CONTROL_PORT</c>, each falling back to <paramref name="fallback"/>.</summary>
    public static SystemPorts FromEnvironment(SystemPorts fallback) => new(
        Env("GPOS_MTLS_PORT", fallback.Mtls), Env("GPOS_BOOTSTRAP_PORT", fallback.Bootstrap), Env("GPOS_PSP_PORT", fallback.Psp),
        Env("GPOS_CARDHOST_PORT", fallback.CardHost), Env("GPOS_CARDHOST_CONTROL_PORT", fallback.CardHostControl));

    public static int Env(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;
}

/// <summary>Where the database comes from: configured connection strings, <c>GPOS_DATABASE_ADMIN</c>, or a local cluster.</summary>
/// <param name="PostgresFolder">Folder (under .data) of the local cluster started when nothing is configured.</param>
/// <param name="PostgresPort">Its port (0: any free port).</param>
/// <param name="DatabaseName">The GPOS database to provision.</param>
/// <param name="Fresh">Drop and recreate that database first (the performance suite starts from an empty one).</param>
internal sealed record DatabaseChoice(string PostgresFolder, int PostgresPort, string DatabaseName, bool Fresh);

/// <summary>A database ready for the API, the local cluster serving it (if this process started one) and a superuser
/// connection to it (null when only the application's connection strings were configured).</summary>
internal sealed record ResolvedDatabase(GposConnectionStrings Strings, LocalPostgres? Postgres, string? AdminConnectionString);

/// <summary>
/// The run command's system: the PSP simulator, the card host simulator and the API as child processes (the builds next to
/// the calling program's own, same configuration), ready and seeded with the dev data. Disposing stops them.
/// Shared by <c>up</c> and the load generator's suite (src/Tools/Gpos.LoadGen).
/// </summary>
internal sealed class GposSystem : IAsyncDisposable
{
    private readonly List<Process> _children;

    private GposSystem(List<Process> children, Process api, SystemPorts ports, TimeSpan apiStartToReady)
    {
        _children = children;
        Api = api;
        Ports = ports;
        ApiStartToReady = apiStartToReady;
    }

    public SystemPorts Ports { get; }

    /// <summary>The API's process (for its resident memory and CPU time).</summary>
    public Process Api { get; }

    public IReadOnlyList<Process> Children => _children;

    /// <summary>From starting the API process until its /health/ready answered 200.</summary>
    public TimeSpan ApiStartToReady { get; }

    public static async Task<ResolvedDatabase> ResolveDatabaseAsync(RepositoryLayout repository, DatabaseChoice choice, Action<string> say,
        CancellationToken cancellationToken)
    {
        var app = Environment.GetEnvironmentVariable("ConnectionStrings__Gpos");
        var owner = Environment.GetEnvironmentVariable("ConnectionStrings__GposOwner");
        if (!string.IsNullOrWhiteSpace(app) && !string.IsNullOrWhiteSpace(owner))
        {
            say("Using the configured database (ConnectionStrings__Gpos / ConnectionStrings__GposOwner).");
            return new ResolvedDatabase(new GposConnectionStrings(app, owner), null, Environment.GetEnvironmentVariable("GPOS_DATABASE_ADMIN"));
        }

        var admin = Environment.GetEnvironmentVariable("GPOS_DATABASE_ADMIN");
        LocalPostgres? postgres = null;
        if (string.IsNullOrWhiteSpace(admin))
        {
            var dataDirectory = Path.Combine(repository.DataDirectory, choice.PostgresFolder);
            postgres = await LocalPostgres.StartAsync(dataDirectory, choice.PostgresPort, allowInstall: true, say, cancellationToken);
            say($"Local PostgreSQL running on 127.0.0.1:{postgres.Port} (data in {dataDirectory})");
            admin = postgres.AdminConnectionString;
        }

        if (choice.Fresh)
        {
            await DatabaseProvisioner.DropAsync(admin, choice.DatabaseName, cancellationToken);
        }

        var credentials = await DevCredentials.LoadOrCreateAsync(Path.Combine(repository.DataDirectory, "credentials.json"), cancellationToken);
        var database = await DatabaseProvisioner.ProvisionAsync(admin, choice.DatabaseName, credentials.OwnerPassword, credentials.AppPassword,
            cancellationToken);
        return new ResolvedDatabase(database, postgres, admin);
    }

    /// <summary>
    /// Starts the simulators and the API, waits until the API is ready and seeds the dev data. <paramref name="settings"/>
    /// are extra environment variables of every child (e.g. <c>Serilog__MinimumLevel__Default</c> for the API,
    /// <c>Logging__LogLevel__Default</c> for the simulators).
    /// </summary>
    public static async Task<GposSystem> StartAsync(RepositoryLayout repository, DevPki pki, GposConnectionStrings database, SystemPorts ports,
        IReadOnlyDictionary<string, string>? settings, Action<string> say, CancellationToken cancellationToken)
    {
        var children = new List<Process>();
        var extra = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
        try
        {
            var tools = Path.Combine(repository.Root, "src", "Tools");
            children.Add(StartChild("PSP simulator",
                RepositoryLayout.BuiltAssembly(Path.Combine(tools, "Gpos.PspSimulator"), "Gpos.PspSimulator"),
                Path.Combine(tools, "Gpos.PspSimulator"), extra,
                ["--port", Invariant(ports.Psp), "--certs", pki.Directory], say));
            children.Add(StartChild("card host simulator",
                RepositoryLayout.BuiltAssembly(Path.Combine(tools, "Gpos.CardHostSimulator"), "Gpos.CardHostSimulator"),
                Path.Combine(tools, "Gpos.CardHostSimulator"), extra,
                ["--port", Invariant(ports.CardHost), "--control-port", Invariant(ports.CardHostControl)], say));

            // The API's start-to-ready is its own: measured once the simulators listen, not while three .NET processes
            // start on the same cores.
            await WaitListeningAsync(ports.Psp, children, cancellationToken);
            await WaitListeningAsync(ports.CardHost, children, cancellationToken);

            var environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__Gpos"] = database.App,
                ["ConnectionStrings__GposOwner"] = database.Owner,
                ["Gpos__Host__MtlsPort"] = Invariant(ports.Mtls),
                ["Gpos__Host__BootstrapPort"] = Invariant(ports.Bootstrap),
                ["Gpos__Host__ServerCertificatePath"] = pki.ServerCertificatePath,
                ["Gpos__Host__ServerKeyPath"] = pki.ServerKeyPath,
                ["Gpos__Host__TrustedRootPaths__0"] = pki.RootCertificatePath,
                ["Gpos__Host__IntermediatePaths__0"] = pki.IssuingCertificatePath,
                ["Gpos__Host__OpsBearerTokenSha256"] = pki.OpsTokenSha256,
                ["Gpos__Terminals__IssuingCaCertificatePath"] = pki.IssuingCertificatePath,
                ["Gpos__Terminals__IssuingCaKeyPath"] = pki.IssuingKeyPath,
                ["Gpos__Pix__PspBaseUrl"] = $"https://localhost:{Invariant(ports.Psp)}/",
                ["Gpos__Pix__PspClientCertificatePath"] = pki.ClientCertificatePath("gpos-psp-client"),
                ["Gpos__Pix__PspClientKeyPath"] = pki.ClientKeyPath("gpos-psp-client"),
                ["Gpos__Pix__PspTrustedRootPath"] = pki.RootCertificatePath,
                ["Gpos__Cards__HostAddress"] = "127.0.0.1",
                ["Gpos__Cards__HostPort"] = Invariant(ports.CardHost),
                ["ASPNETCORE_ENVIRONMENT"] = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Development",
            };
            if (environment["ASPNETCORE_ENVIRONMENT"] == "Development")
            {
                // A local receiver (src/Tools/Gpos.WebhookReceiver) listens on loopback http; the SSRF guard refuses that
                // anywhere but Development.
                environment["Gpos__Webhooks__AllowPrivateTargets"] = "true";
            }
            foreach (var (key, value) in extra)
            {
                environment[key] = value;
            }

            var started = Stopwatch.StartNew();
            var api = StartChild("api", RepositoryLayout.BuiltAssembly(repository.ApiProjectDirectory, "Gpos.Api"),
                repository.ApiProjectDirectory, environment, [], say);
            children.Add(api);
            await WaitReadyAsync(pki, ports, children, cancellationToken);
            var startToReady = started.Elapsed;
            await DevData.SeedAsync(pki, ports.Bootstrap, ports.Mtls, ports.Psp, say, cancellationToken);
            return new GposSystem(children, api, ports, startToReady);
        }
        catch
        {
            await StopAsync(children);
            throw;
        }
    }

    /// <summary>Completes when any child exits (or <paramref name="cancellationToken"/> is cancelled); returns that child.</summary>
    public async Task<Process?> WaitForAnyExitAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAny(_children.Select(c => c.WaitForExitAsync(cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();
        return _children.FirstOrDefault(c => c.HasExited);
    }

    public async ValueTask DisposeAsync() => await StopAsync(_children);

    private static async Task StopAsync(List<Process> children)
    {
        foreach (var child in children.Where(c => !c.HasExited))
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static Process StartChild(string name, string assembly, string workingDirectory, Dictionary<string, string> environment,
        IReadOnlyList<string> arguments, Action<string> say)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        info.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {name}.");
        say($"Started {name} (pid {process.Id})");
        return process;
    }

    private static async Task WaitReadyAsync(DevPki pki, SystemPorts ports, List<Process> children, CancellationToken cancellationToken)
    {
        using var http = DevHttp.Create(pki, clientCertificate: null);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (children.Any(c => c.HasExited))
            {
                throw new InvalidOperationException("The API exited before it became ready.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"https://localhost:{Invariant(ports.Bootstrap)}/health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            // A short poll: the wait is part of the measured start-to-ready.
            await Task.Delay(20, cancellationToken);
        }

        throw new TimeoutException("The API did not become ready within 90 s.");
    }

    private static async Task WaitListeningAsync(int port, List<Process> children, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (children.Any(c => c.HasExited))
            {
                throw new InvalidOperationException("A simulator exited before it listened.");
            }

            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        throw new TimeoutException($"Nothing listened on port {port} within 60 s.");
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
