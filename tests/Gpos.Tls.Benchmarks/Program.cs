using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Gpos.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

// usage: dotnet run -c Release --project tests/Gpos.Tls.Benchmarks -- [seconds] [concurrency]
// Phases: full handshakes on bare Kestrel and GPOS, then resumed sessions (a reconnect storm of terminals that kept one).
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
var pki = TestPki.Pki;
using var client = TestPki.Merchant("m-bench");
var root = pki.LoadRootCa();
var issuing = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(pki.IssuingCertificatePath));

await using var bare = await BareKestrel.StartAsync(pki);
await using var gpos = await GposTestHost.StartAsync(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Warning" });

Console.WriteLine($"mTLS handshake benchmark: {concurrency} concurrent clients, {seconds} s per phase, {Environment.ProcessorCount} cores, {DateTimeOffset.UtcNow:u}");
Console.WriteLine("each operation: TCP connect + TLS 1.3 handshake with a client certificate + GET /health/live + close");
var results = new List<(string Name, double Rate, double P50, double P99)>();
foreach (var (name, port, path, resume) in new[]
         {
             ("warm-up bare", bare.Port, "/", false),
             ("warm-up gpos", gpos.MtlsPort, "/health/live", false),
             ("bare Kestrel, no client validation", bare.Port, "/", false),
             ("GPOS mTLS port (chain, EKU, revocation)", gpos.MtlsPort, "/health/live", false),
             ("bare Kestrel, no client validation (again)", bare.Port, "/", false),
             ("bare Kestrel, resumed sessions", bare.Port, "/", true),
             ("GPOS mTLS port, resumed sessions", gpos.MtlsPort, "/health/live", true),
         })
{
    var validationsBefore = bare.Validations;
    var (rate, p50, p99, count) = await Load.RunAsync(port, path, client, root, issuing,
        name.StartsWith("warm-up", StringComparison.Ordinal) ? 2 : seconds, concurrency, resume);
    if (port == bare.Port && !name.StartsWith("warm-up", StringComparison.Ordinal))
    {
        // A resumed TLS 1.3 session (PSK) does not resend the client certificate, so the server validates none.
        var full = bare.Validations - validationsBefore;
        Console.WriteLine($"  {name}: {count} connections, {full} client certificates validated (full handshakes), {count - full} resumed");
    }

    if (!name.StartsWith("warm-up", StringComparison.Ordinal))
    {
        results.Add((name, rate, p50, p99));
    }
}

Console.WriteLine();
Console.WriteLine("| endpoint | handshakes/s | p50 ms | p99 ms |");
Console.WriteLine("|---|---:|---:|---:|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Rate:0} | {r.P50:0.0} | {r.P99:0.0} |"));
}

var bareRate = (results[0].Rate + results[2].Rate) / 2;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GPOS / bare = {results[1].Rate / bareRate:P0} (target >= 90 %)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"resumed: GPOS / bare = {results[4].Rate / results[3].Rate:P0}; GPOS resumed / GPOS full = {results[4].Rate / results[1].Rate:P0}"));

internal static class Load
{
    public static async Task<(double Rate, double P50, double P99, int Count)> RunAsync(int port, string path, X509Certificate2 certificate,
        X509Certificate2 root, X509Certificate2 issuing, int seconds, int concurrency, bool resume)
    {
        var request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        var latencies = new List<double>[concurrency];
        var errors = 0;
        var stopwatch = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            var buffer = new byte[4096];
            while (stopwatch.Elapsed < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var tcp = new TcpClient { NoDelay = true };
                    await tcp.ConnectAsync(IPAddress.Loopback, port);
                    await using var tls = new SslStream(tcp.GetStream());
                    await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                    {
                        TargetHost = "localhost",
                        ClientCertificates = [certificate],
                        // Full handshakes unless the phase measures a reconnect storm of terminals that kept a session.
                        AllowTlsResume = resume,
                        RemoteCertificateValidationCallback = (_, server, _, _) => Trusted(server, root, issuing),
                    });
                    await tls.WriteAsync(request);
                    var read = 0;
                    int n;
                    while ((n = await tls.ReadAsync(buffer)) > 0)
                    {
                        read += n;
                    }

                    if (read < 12 || buffer[9] != (byte)'2')
                    {
                        Interlocked.Increment(ref errors);
                        continue;
                    }

                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception ex) when (ex is IOException or SocketException or System.Security.Authentication.AuthenticationException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var rate = all.Length / stopwatch.Elapsed.TotalSeconds;
        if (errors > 0)
        {
            Console.WriteLine($"  ({errors} failed operations)");
        }

        return (rate, all.Length == 0 ? 0 : all[all.Length / 2], all.Length == 0 ? 0 : all[(int)(all.Length * 0.99)], all.Length + errors);
    }

    private static bool Trusted(X509Certificate? server, X509Certificate2 root, X509Certificate2 issuing)
    {
        if (server is not X509Certificate2 leaf)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.Add(issuing);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}

/// <summary>The limit: Kestrel with the same server certificate, requiring a client certificate but checking nothing.</summary>
internal sealed class BareKestrel(WebApplication app, int port, StrongBox<int> validations) : IAsyncDisposable
{
    public int Port => port;

    /// <summary>Client certificates the server validated: one per full handshake, none per resumed one.</summary>
    public int Validations => Volatile.Read(ref validations.Value);

    public static async Task<BareKestrel> StartAsync(Gpos.DevTools.DevPki pki)
    {
        var port = GposTestHost.FreePort();
        var validations = new StrongBox<int>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var server = X509Certificate2.CreateFromPemFile(pki.ServerCertificatePath, pki.ServerKeyPath);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(pki.IssuingCertificatePath);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = server,
            ServerCertificateChain = chain,
            ClientCertificateMode = ClientCertificateMode.RequireCertificate,
            ClientCertificateValidation = (_, _, _) =>
            {
                Interlocked.Increment(ref validations.Value);
                return true;
            },
        })));
        var app = builder.Build();
        app.MapGet("/", () => Results.Text("ok"));
        await app.StartAsync();
        return new BareKestrel(app, port, validations);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
