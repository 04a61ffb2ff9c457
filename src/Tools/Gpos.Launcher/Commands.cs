using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Gpos.DevTools;

namespace Gpos.Launcher;

internal static class Commands
{
    private const int DefaultPostgresPort = 55432;

    public static int Usage()
    {
        Console.Error.WriteLine("usage: dotnet run --project src/Tools/Gpos.Launcher [-- up | certs init | ledger verify | demo]");
        return 2;
    }

    public static int CertsInit(RepositoryLayout repository)
    {
        var pki = DevPki.EnsureCreated(repository.CertsDirectory, TimeProvider.System, Say);
        Say($"Development PKI ready in {pki.Directory}");
        return 0;
    }

    /// <summary>The guided tour against the running system (docs/demo.md); ports as for <c>up</c>.</summary>
    public static Task<int> DemoAsync(RepositoryLayout repository, CancellationToken cancellationToken)
    {
        var pki = DevPki.EnsureCreated(repository.CertsDirectory, TimeProvider.System, Say);
        var settings = new DemoSettings(pki, new Uri($"https://localhost:{Invariant(Env("GPOS_BOOTSTRAP_PORT", 7444))}"),
            new Uri($"https://localhost:{Invariant(Env("GPOS_MTLS_PORT", 7443))}"), new Uri($"https://localhost:{Invariant(Env("GPOS_PSP_PORT", 7450))}"),
            DevPki.MerchantId, DevData.DevPixKey, Path.Combine(repository.DataDirectory, "demo-terminals"));
        return new DemoTour(settings, Console.Out).RunAsync(cancellationToken);
    }

    public static async Task<int> UpAsync(RepositoryLayout repository, CancellationToken cancellationToken)
    {
        var pki = DevPki.EnsureCreated(repository.CertsDirectory, TimeProvider.System, Say);
        LocalPostgres? postgres = null;
        var children = new List<Process>();
        try
        {
            GposConnectionStrings database;
            (database, postgres) = await ResolveDatabaseAsync(repository, cancellationToken);
            var ports = new Ports(Env("GPOS_MTLS_PORT", 7443), Env("GPOS_BOOTSTRAP_PORT", 7444),
                Env("GPOS_PSP_PORT", 7450), Env("GPOS_CARDHOST_PORT", 7460), Env("GPOS_CARDHOST_CONTROL_PORT", 7461));
            var tools = Path.Combine(repository.Root, "src", "Tools");
            children.Add(StartChild("PSP simulator",
                RepositoryLayout.BuiltAssembly(Path.Combine(tools, "Gpos.PspSimulator"), "Gpos.PspSimulator"),
                Path.Combine(tools, "Gpos.PspSimulator"), [],
                ["--port", Invariant(ports.Psp), "--certs", pki.Directory]));
            children.Add(StartChild("card host simulator",
                RepositoryLayout.BuiltAssembly(Path.Combine(tools, "Gpos.CardHostSimulator"), "Gpos.CardHostSimulator"),
                Path.Combine(tools, "Gpos.CardHostSimulator"), [],
                ["--port", Invariant(ports.CardHost), "--control-port", Invariant(ports.CardHostControl)]));

            children.Add(StartChild("api", RepositoryLayout.BuiltAssembly(repository.ApiProjectDirectory, "Gpos.Api"),
                repository.ApiProjectDirectory, new Dictionary<string, string>
                {
                    ["ConnectionStrings__Gpos"] = database.App,
                    ["ConnectionStrings__GposOwner"] = database.Owner,
                    ["Gpos__Host__MtlsPort"] = ports.Mtls.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Gpos__Host__BootstrapPort"] = ports.Bootstrap.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
                }, []));

            await WaitReadyAsync(pki, ports, children, cancellationToken);
            await DevData.SeedAsync(pki, ports.Bootstrap, ports.Mtls, ports.Psp, Say, cancellationToken);
            PrintWelcome(repository, pki, ports);
            await Task.WhenAny(children.Select(c => c.WaitForExitAsync(cancellationToken)));
            var exited = children.FirstOrDefault(c => c.HasExited);
            if (exited is not null)
            {
                Say($"A process exited with code {exited.ExitCode}; stopping everything.");
                return 1;
            }

            return 0;
        }
        catch (OperationCanceledException)
        {
            Say("Stopping…");
            return 0;
        }
        finally
        {
            foreach (var child in children.Where(c => !c.HasExited))
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync(CancellationToken.None);
            }

            if (postgres is not null)
            {
                await postgres.StopAsync();
                Say("PostgreSQL stopped.");
            }
        }
    }

    private static async Task<(GposConnectionStrings, LocalPostgres?)> ResolveDatabaseAsync(RepositoryLayout repository,
        CancellationToken cancellationToken)
    {
        var app = Environment.GetEnvironmentVariable("ConnectionStrings__Gpos");
        var owner = Environment.GetEnvironmentVariable("ConnectionStrings__GposOwner");
        if (!string.IsNullOrWhiteSpace(app) && !string.IsNullOrWhiteSpace(owner))
        {
            Say("Using the configured database (ConnectionStrings__Gpos / ConnectionStrings__GposOwner).");
            return (new GposConnectionStrings(app, owner), null);
        }

        var admin = Environment.GetEnvironmentVariable("GPOS_DATABASE_ADMIN");
        LocalPostgres? postgres = null;
        if (string.IsNullOrWhiteSpace(admin))
        {
            var dataDirectory = Path.Combine(repository.DataDirectory, "postgres");
            postgres = await LocalPostgres.StartAsync(dataDirectory, Env("GPOS_POSTGRES_PORT", DefaultPostgresPort),
                allowInstall: true, Say, cancellationToken);
            Say($"Local PostgreSQL running on 127.0.0.1:{postgres.Port} (data in {dataDirectory})");
            admin = postgres.AdminConnectionString;
        }

        var credentials = await DevCredentials.LoadOrCreateAsync(Path.Combine(repository.DataDirectory, "credentials.json"), cancellationToken);
        var database = await DatabaseProvisioner.ProvisionAsync(admin, "gpos", credentials.OwnerPassword, credentials.AppPassword, cancellationToken);
        return (database, postgres);
    }

    private static Process StartChild(string name, string assembly, string workingDirectory, Dictionary<string, string> environment,
        IReadOnlyList<string> arguments)
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
        Say($"Started {name} (pid {process.Id})");
        return process;
    }

    private static async Task WaitReadyAsync(DevPki pki, Ports ports, List<Process> children, CancellationToken cancellationToken)
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
                using var response = await http.GetAsync(new Uri($"https://localhost:{ports.Bootstrap}/health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException("The API did not become ready within 90 s.");
    }

    private static void PrintWelcome(RepositoryLayout repository, DevPki pki, Ports ports)
    {
        string Rel(string path) => Path.GetRelativePath(repository.Root, path);
        Console.WriteLine($"""

            ── GPOS Payments is running ───────────────────────────────────────────────
              mTLS port       https://localhost:{ports.Mtls}   (client certificate required)
              bootstrap port  https://localhost:{ports.Bootstrap}   (server TLS only)
              Swagger UI      https://localhost:{ports.Bootstrap}/swagger
              health          https://localhost:{ports.Bootstrap}/health/ready
              metrics         https://localhost:{ports.Bootstrap}/metrics
              PSP simulator   https://localhost:{ports.Psp}   (API Pix subset + /control; mTLS with any dev certificate)
              card host sim   tcp://127.0.0.1:{ports.CardHost}   (ISO 8583), control http://127.0.0.1:{ports.CardHostControl}/control/stats

              Trust the dev CA:  {Rel(pki.RootCertificatePath)}
              Ops bearer token (Swagger UI → Authorize):  {pki.OpsToken}

              Call as the dev merchant over mTLS:
                curl --cacert {Rel(pki.RootCertificatePath)} --cert {Rel(pki.ClientCertificatePath("merchant"))} \
                     --key {Rel(pki.ClientKeyPath("merchant"))} https://localhost:{ports.Mtls}/v1/me

              Ctrl-C stops everything this command started.
            ────────────────────────────────────────────────────────────────────────────
            """);
    }

    private static int Env(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;

    private static void Say(string message) => Console.WriteLine($"[gpos] {message}");

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Ports(int Mtls, int Bootstrap, int Psp, int CardHost, int CardHostControl);
}

/// <summary>Passwords of the local database's roles, generated once and kept under the git-ignored .data folder.</summary>
internal sealed record DevCredentials(string OwnerPassword, string AppPassword)
{
    public static async Task<DevCredentials> LoadOrCreateAsync(string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            await using var read = File.OpenRead(path);
            return (await JsonSerializer.DeserializeAsync<DevCredentials>(read, cancellationToken: cancellationToken))!;
        }

        var credentials = new DevCredentials(DatabaseProvisioner.NewPassword(), DatabaseProvisioner.NewPassword());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(credentials), cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return credentials;
    }
}

/// <summary>An HttpClient that trusts only the development root (and presents a client certificate if given).</summary>
internal static class DevHttp
{
    public static HttpClient Create(DevPki pki, X509Certificate2? clientCertificate) =>
        new(DevTrust.CreateHandler(pki, clientCertificate)) { Timeout = TimeSpan.FromSeconds(10) };
}
