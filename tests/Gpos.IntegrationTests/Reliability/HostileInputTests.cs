using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Gpos.DevTools;
using Gpos.IntegrationTests.Foundation;
using Gpos.Testing;

namespace Gpos.IntegrationTests.Reliability;

/// <summary>
/// Hostile input against the deliberate Kestrel and JSON limits (issue 12): deep JSON, oversized bodies, a client
/// that drips its body, a client that never finishes its headers. Each gets a clear answer or a closed connection,
/// never a hung worker or a 500.
/// </summary>
public sealed class HostileInputTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private GposTestHost Host => fixture.Host;

    [Theory]
    [InlineData("/ops/v1/certificates/0A1B/revocation")]
    [InlineData("/v2/cob/hostileDeepJson0000000000001")]
    public async Task DeeplyNestedJson_Returns400ProblemJson(string path)
    {
        using var client = Host.MtlsClient(path.StartsWith("/ops", StringComparison.Ordinal) ? TestPki.Ops() : TestPki.Merchant("m-hostile"));
        var deep = new string('[', 5000) + new string(']', 5000);

        using var response = await client.PutAsync(new Uri(path, UriKind.Relative), new StringContent(deep, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task OversizedJsonBody_Returns413BeforeTheBodyIsRead()
    {
        using var client = Host.MtlsClient(TestPki.Merchant("m-hostile"));
        client.DefaultRequestHeaders.ExpectContinue = true; // refused on the headers, never a reset mid-upload
        var huge = "{\"calendario\":{\"expiracao\":3600},\"solicitacaoPagador\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";

        using var response = await client.PutAsync(new Uri("/v2/cob/hostileHugeBody00000000000001", UriKind.Relative),
            new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await Host.Database.AppScalarAsync<long>("SELECT count(*) FROM pix.charge_revisions WHERE txid = 'hostileHugeBody00000000000001'"));
    }

    [Fact]
    public async Task ClientDrippingItsBody_IsCutOffByTheMinimumDataRate()
    {
        using var certificate = TestPki.Merchant("m-hostile");
        await using var tls = await ConnectAsync(Host.MtlsPort, certificate);
        await tls.WriteAsync(Encoding.ASCII.GetBytes(
            "PUT /v2/cob/hostileSlowBody000000000000001 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"));

        // 240 B/s after a 5 s grace period is the floor; one byte every 250 ms is far below it.
        var watch = Stopwatch.StartNew();
        var closed = await DripUntilClosedAsync(tls, TimeSpan.FromSeconds(30));

        Assert.True(closed, "the server kept a connection that sends 4 bytes a second");
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ClientNeverFinishingItsHeaders_IsCutOffByTheHeadersTimeout()
    {
        using var certificate = TestPki.Merchant("m-hostile");
        await using var tls = await ConnectAsync(Host.MtlsPort, certificate);
        await tls.WriteAsync(Encoding.ASCII.GetBytes("GET /v1/me HTTP/1.1\r\nHost: localhost\r\n"));

        var closed = await ReadUntilClosedAsync(tls, TimeSpan.FromSeconds(30));

        Assert.True(closed, "the server kept a connection whose headers never end");
    }

    private static async Task<SslStream> ConnectAsync(int port, X509Certificate2 certificate)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        using var trust = DevTrust.CreateHandler(TestPki.Pki, certificate); // the dev root, as every test client
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ClientCertificates = [certificate],
            RemoteCertificateValidationCallback = trust.SslOptions.RemoteCertificateValidationCallback,
        });
        return tls;
    }

    private static async Task<bool> DripUntilClosedAsync(SslStream tls, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        var readTask = ReadUntilClosedAsync(tls, limit);
        while (!readTask.IsCompleted && watch.Elapsed < limit)
        {
            try
            {
                await tls.WriteAsync("{"u8.ToArray());
            }
            catch (IOException)
            {
                break; // reset by the server
            }

            await Task.Delay(250);
        }

        return await readTask;
    }

    /// <summary>True when the server closes (or resets) the connection within the limit; any response bytes are read.</summary>
    private static async Task<bool> ReadUntilClosedAsync(SslStream tls, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var buffer = new byte[4096];
        try
        {
            while (await tls.ReadAsync(buffer, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
