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
        var ports = SystemPorts.FromEnvironment(SystemPorts.Defaults);
        var settings = new DemoSettings(pki, new Uri($"https://localhost:{ports.Bootstrap}"), new Uri($"https://localhost:{ports.Mtls}"),
            new Uri($"https://localhost:{ports.Psp}"), DevPki.MerchantId, DevData.DevPixKey, Path.Combine(repository.DataDirectory, "demo-terminals"));
        return new DemoTour(settings, Console.Out).RunAsync(cancellationToken);
    }

    public static async Task<int> UpAsync(RepositoryLayout repository, CancellationToken cancellationToken)
    {
        var pki = DevPki.EnsureCreated(repository.CertsDirectory, TimeProvider.System, Say);
        LocalPostgres? postgres = null;
        GposSystem? system = null;
        try
        {
            var database = await GposSystem.ResolveDatabaseAsync(repository,
                new DatabaseChoice("postgres", SystemPorts.Env("GPOS_POSTGRES_PORT", DefaultPostgresPort), "gpos", Fresh: false), Say, cancellationToken);
            postgres = database.Postgres;
            var ports = SystemPorts.FromEnvironment(SystemPorts.Defaults);
            system = await GposSystem.StartAsync(repository, pki, database.Strings, ports, settings: null, Say, cancellationToken);
            PrintWelcome(repository, pki, ports);
            var exited = await system.WaitForAnyExitAsync(cancellationToken);
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
            if (system is not null)
            {
                await system.DisposeAsync();
            }

            if (postgres is not null)
            {
                await postgres.StopAsync();
                Say("PostgreSQL stopped.");
            }
        }
    }

    private static void PrintWelcome(RepositoryLayout repository, DevPki pki, SystemPorts ports)
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

    public static void Say(string message) => Console.WriteLine($"[gpos] {message}");
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

    /// <summary>An ops staff client: no client certificate, the development PKI's ops bearer token.</summary>
    public static HttpClient Ops(DevPki pki)
    {
        var client = Create(pki, clientCertificate: null);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", pki.OpsToken);
        return client;
    }
}
