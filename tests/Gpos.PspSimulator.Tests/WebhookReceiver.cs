using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Gpos.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gpos.PspSimulator.Tests;

/// <summary>A GPOS stand-in: an HTTPS server on a free port that requires a client certificate from the test PKI and records webhooks.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, byte> _connections = new();
    private int _failuresLeft;
    private int _inFlight;
    private int _mostInFlight;
    private int _delayMs;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>The next <paramref name="count"/> webhooks are answered 500.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    /// <summary>Every webhook is answered after <paramref name="delay"/>; the connection counters start again.</summary>
    public void AnswerAfter(TimeSpan delay)
    {
        Interlocked.Exchange(ref _delayMs, (int)delay.TotalMilliseconds);
        Interlocked.Exchange(ref _mostInFlight, 0);
        _connections.Clear();
    }

    /// <summary>The most webhooks in progress at once, and the connections they came on, since the last <see cref="AnswerAfter"/>.</summary>
    public (int MostInFlight, int Connections) Concurrency => (Volatile.Read(ref _mostInFlight), _connections.Count);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var pki = TestPki.Pki;
        var server = X509Certificate2.CreateFromPemFile(pki.ServerCertificatePath, pki.ServerKeyPath);
        var root = pki.LoadRootCa();
        var issuing = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(pki.IssuingCertificatePath));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = server,
            ServerCertificateChain = [issuing],
            ClientCertificateMode = ClientCertificateMode.RequireCertificate,
            ClientCertificateValidation = (certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(root);
                chain.ChainPolicy.ExtraStore.Add(issuing);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        })));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/gpos/webhook/pix", async (HttpContext context) =>
        {
            receiver._connections.TryAdd(context.Connection.Id, 0);
            var inFlight = Interlocked.Increment(ref receiver._inFlight);
            int most;
            while (inFlight > (most = Volatile.Read(ref receiver._mostInFlight))
                && Interlocked.CompareExchange(ref receiver._mostInFlight, inFlight, most) != most)
            {
            }

            try
            {
                await Task.Delay(Volatile.Read(ref receiver._delayMs));
            }
            finally
            {
                Interlocked.Decrement(ref receiver._inFlight);
            }

            var certificate = await context.Connection.GetClientCertificateAsync();
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync();
            var failing = Interlocked.Decrement(ref receiver._failuresLeft) >= 0;
            receiver._received.Enqueue(new ReceivedWebhook(context.Request.Path, JsonNode.Parse(text)!.AsObject(),
                certificate?.GetNameInfo(X509NameType.UrlName, false), failing, context.Request.ContentType));
            return failing ? Results.StatusCode(500) : Results.Ok();
        });
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        receiver.BaseAddress = new Uri($"https://localhost:{port}/gpos/webhook");
        return receiver;
    }

    /// <summary>Waits until <paramref name="count"/> received Pix objects match.</summary>
    public async Task<IReadOnlyList<JsonObject>> WaitForPixAsync(Func<JsonObject, bool> match, int count = 1, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var found = Matching(match);
            if (found.Count >= count || DateTime.UtcNow > deadline)
            {
                return found;
            }

            await Task.Delay(20);
        }
    }

    public IReadOnlyList<JsonObject> Matching(Func<JsonObject, bool> match) =>
        _received.Where(r => !r.AnsweredWithError).SelectMany(r => r.Body["pix"]!.AsArray().Select(p => p!.AsObject())).Where(match).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedWebhook(string Path, JsonObject Body, string? ClientUri, bool AnsweredWithError, string? ContentType);
