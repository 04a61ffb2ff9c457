using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Gpos.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace Gpos.Testing;

/// <summary>
/// The real GPOS host on loopback: real Kestrel, both TLS listeners on free ports, the test PKI, a fresh PostgreSQL
/// database, migrations applied. Tests talk to it over real TLS sockets with real certificates.
/// </summary>
public sealed class GposTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GposTestHost(WebApplication app, TestDatabase database, LogCapture logs, int mtlsPort, int bootstrapPort)
    {
        _app = app;
        Database = database;
        Logs = logs;
        MtlsPort = mtlsPort;
        BootstrapPort = bootstrapPort;
    }

    public TestDatabase Database { get; }

    public LogCapture Logs { get; }

    public int MtlsPort { get; }

    public int BootstrapPort { get; }

    public IServiceProvider Services => _app.Services;

    public Uri MtlsBase => new($"https://localhost:{MtlsPort}");

    public Uri BootstrapBase => new($"https://localhost:{BootstrapPort}");

    public static async Task<GposTestHost> StartAsync(IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, TestDatabase? database = null)
    {
        database ??= await TestDatabase.CreateAsync();
        var pki = TestPki.Pki;
        var logs = new LogCapture();
        for (var attempt = 1; ; attempt++)
        {
            var mtls = FreePort();
            var bootstrap = FreePort();
            var configuration = BaseSettings(database, mtls, bootstrap);
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                configuration[key] = value;
            }

            // Development, as the run command: scope validation and the other development checks run in the tests too.
            var app = GposApi.Build(["--environment=Development"], builder =>
            {
                builder.Environment.ContentRootPath = AppContext.BaseDirectory;
                builder.Configuration.AddInMemoryCollection(configuration);
                builder.Services.AddSingleton<ILogEventSink>(logs);
                services?.Invoke(builder.Services);
            });
            try
            {
                await app.PrepareAsync();
                await app.StartAsync();
                return new GposTestHost(app, database, logs, mtls, bootstrap);
            }
            catch (IOException ex) when (attempt < 3 && ex.InnerException is AddressInUseException)
            {
                // FreePort releases its port before Kestrel binds it; another process may take it in between.
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The settings every test host runs with: the database's roles, the two ports, the test PKI, short refresh
    /// intervals, rate limits off and no card host. Also used to start the API as a separate process.
    /// </summary>
    public static Dictionary<string, string?> BaseSettings(TestDatabase database, int mtlsPort, int bootstrapPort)
    {
        ArgumentNullException.ThrowIfNull(database);
        var pki = TestPki.Pki;
        return new Dictionary<string, string?>
        {
            ["ConnectionStrings:Gpos"] = database.ConnectionStrings.App,
            ["ConnectionStrings:GposOwner"] = database.ConnectionStrings.Owner,
            ["Gpos:Host:MtlsPort"] = mtlsPort.ToString(CultureInfo.InvariantCulture),
            ["Gpos:Host:BootstrapPort"] = bootstrapPort.ToString(CultureInfo.InvariantCulture),
            ["Gpos:Host:ServerCertificatePath"] = pki.ServerCertificatePath,
            ["Gpos:Host:ServerKeyPath"] = pki.ServerKeyPath,
            ["Gpos:Host:TrustedRootPaths:0"] = pki.RootCertificatePath,
            ["Gpos:Host:IntermediatePaths:0"] = pki.IssuingCertificatePath,
            ["Gpos:Host:OpsBearerTokenSha256"] = pki.OpsTokenSha256,
            ["Gpos:Terminals:RevocationRefreshInterval"] = "00:00:00.500",
            ["Gpos:Terminals:IssuingCaCertificatePath"] = pki.IssuingCertificatePath,
            ["Gpos:Terminals:IssuingCaKeyPath"] = pki.IssuingKeyPath,
            ["Serilog:MinimumLevel:Default"] = "Information",
            // Tests drive one terminal far harder than a POS would; the rate-limit tests turn limits back on.
            ["Gpos:RateLimits:Enabled"] = "false",
            // No card host unless a test starts one: an unused port, so a simulator running locally is never reached.
            ["Gpos:Cards:HostPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>An HttpClient for the mTLS port presenting <paramref name="certificate"/> (none when null).</summary>
    public HttpClient MtlsClient(X509Certificate2? certificate) => TestHttp.Create(MtlsBase, certificate);

    /// <summary>An HttpClient for the bootstrap port (no client certificate).</summary>
    public HttpClient BootstrapClient() => TestHttp.Create(BootstrapBase, null);

    /// <summary>An ops staff client (bootstrap port, ops bearer token).</summary>
    public HttpClient OpsClient() => TestHttp.Ops(BootstrapBase);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Database.DisposeAsync();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
