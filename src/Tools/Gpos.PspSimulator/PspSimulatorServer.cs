using System.Net;
using System.Security.Authentication;
using Gpos.PspSimulator.Api;
using Gpos.PspSimulator.Control;
using Gpos.PspSimulator.Faults;
using Gpos.PspSimulator.Hosting;
using Gpos.PspSimulator.State;
using Gpos.PspSimulator.Tls;
using Gpos.PspSimulator.Webhooks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Gpos.PspSimulator;

/// <summary>
/// A running PSP simulator: an HTTPS server with mTLS serving the API Pix subset (under <c>/v2</c> and at the root)
/// and the control API (under <c>/control</c>). Start one per test class or per test on a free port:
/// <code>
/// await using var psp = await PspSimulatorServer.StartAsync(PspSimulatorOptions.FromDevPki(pki, port: 0), ct);
/// var client = new HttpClient(handlerWithClientCertificate) { BaseAddress = psp.BaseAddress };
/// </code>
/// </summary>
public sealed class PspSimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TlsMaterial _tls;
    private int _disposed;

    private PspSimulatorServer(WebApplication app, TlsMaterial tls, Uri baseAddress)
    {
        _app = app;
        _tls = tls;
        BaseAddress = baseAddress;
    }

    /// <summary>The simulator's base URI, e.g. <c>https://localhost:7450/</c>; the API Pix is at <c>{BaseAddress}v2/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Loads the certificates, binds the port and starts serving. Throws if a certificate or the port is unusable.</summary>
    public static async Task<PspSimulatorServer> StartAsync(PspSimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var tls = new TlsMaterial(options);
        try
        {
            var app = Build(options, tls);
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var port = new Uri(address).Port;
            var listen = IPAddress.Parse(options.ListenAddress);
            var host = IPAddress.IsLoopback(listen) || listen.Equals(IPAddress.Any) || listen.Equals(IPAddress.IPv6Any)
                ? "localhost"
                : new Uri(address).Host;
            return new PspSimulatorServer(app, tls, new Uri($"https://{host}:{port}/"));
        }
        catch
        {
            tls.Dispose();
            throw;
        }
    }

    /// <summary>Stops accepting requests, cancels background work (webhooks, refund settlements) and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token);
        }

        await _app.DisposeAsync();
        _tls.Dispose();
    }

    private static WebApplication Build(PspSimulatorOptions options, TlsMaterial tls)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(PspSimulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        if (options.ConfigureLogging is { } configure)
        {
            configure(builder.Logging);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information)
                .AddFilter("Microsoft", LogLevel.Warning);
        }

        var checks = new CertificateChecks(tls, options.TimeProvider);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(options.TimeProvider);
        services.AddSingleton(tls);
        services.AddSingleton(checks);
        services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        services.AddSingleton<SimulatorStore>();
        services.AddSingleton<CallCounter>();
        services.AddSingleton<FaultBoard>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<WebhookHttp>();
        services.AddSingleton<WorkQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkQueue>());
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<RefundSettlement>();

        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.Port, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = tls.ServerCertificate,
                ServerCertificateChain = tls.ServerChain,
                SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                // mTLS: no certificate chaining to a configured root, no handshake (API Pix and control API alike).
                ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                ClientCertificateValidation = (certificate, _, _) => checks.IsAcceptableClient(certificate),
                HandshakeTimeout = TimeSpan.FromSeconds(10),
            }));
        });

        var app = builder.Build();
        app.UseMiddleware<FaultMiddleware>();
        app.MapGet("/health", () => Results.Text("ok"));
        app.MapPixApi();
        app.MapControlApi();
        return app;
    }
}
