using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using Gpos.Testing;

namespace Gpos.IntegrationTests.Foundation;

/// <summary>
/// The mTLS port over real sockets with real certificates (issue 2, "Bad input"): only certificates chaining to the
/// private CA, valid now, with the client-auth EKU and not revoked complete the handshake.
/// </summary>
public sealed class MtlsHandshakeTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string MerchantUrn = "urn:gpos:merchant:m-tls";

    private GposTestHost Host => fixture.Host;

    [Fact]
    public async Task Handshake_ValidMerchantCertificate_ReturnsCallerIdentity()
    {
        using var certificate = TestPki.Merchant("m-tls");
        using var client = Host.MtlsClient(certificate);

        var me = await client.GetFromJsonAsync<WhoAmI>("/v1/me");

        Assert.NotNull(me);
        Assert.Equal("merchant", me.Kind);
        Assert.Equal("m-tls", me.Id);
        Assert.Equal("m-tls", me.MerchantId);
        Assert.Equal(certificate.SerialNumber, me.CertificateSerial);
    }

    [Fact]
    public async Task Handshake_TerminalCertificate_CarriesItsMerchantScope()
    {
        using var certificate = TestPki.Terminal("t-100", "m-owner");
        using var client = Host.MtlsClient(certificate);

        var me = await client.GetFromJsonAsync<WhoAmI>("/v1/me");

        Assert.Equal("terminal", me!.Kind);
        Assert.Equal("t-100", me.Id);
        Assert.Equal("m-owner", me.MerchantId);
    }

    public static TheoryData<string> RefusedCertificates => new()
    {
        "none", "self-signed", "other-ca", "expired", "not-yet-valid", "server-auth-only", "no-eku",
    };

    [Theory]
    [MemberData(nameof(RefusedCertificates))]
    public async Task Handshake_UnacceptableCertificate_FailsBeforeHttp(string kind)
    {
        using var certificate = Make(kind);
        using var client = Host.MtlsClient(certificate);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("/v1/me", UriKind.Relative)));

        // No HTTP status: the connection never got past TLS.
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task Handshake_RevokedCertificate_FailsWithinTheRefreshInterval()
    {
        using var certificate = TestPki.Merchant("m-revoked");
        using (var before = Host.MtlsClient(certificate))
        {
            Assert.Equal(HttpStatusCode.OK, (await before.GetAsync(new Uri("/v1/me", UriKind.Relative))).StatusCode);
        }

        using var ops = Host.OpsClient();
        var revoke = await ops.PutAsJsonAsync($"/ops/v1/certificates/{certificate.SerialNumber}/revocation", new { reason = "lost device" });
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        // A new connection (new handshake) is refused; the interval in tests is 0.5 s, and this instance applies at once.
        using var after = Host.MtlsClient(certificate);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => after.GetAsync(new Uri("/v1/me", UriKind.Relative)));
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task Request_OnKeepAliveConnectionAfterRevocation_Returns401ProblemJson()
    {
        using var certificate = TestPki.Merchant("m-revoked-keepalive");
        using var client = Host.MtlsClient(certificate);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/v1/me", UriKind.Relative))).StatusCode);

        using var ops = Host.OpsClient();
        var revoke = await ops.PutAsJsonAsync($"/ops/v1/certificates/{certificate.SerialNumber}/revocation", new { reason = "stolen terminal" });
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        // Same HttpClient, same pooled TLS connection: no new handshake, yet the revoked certificate is refused.
        var after = await client.GetAsync(new Uri("/v1/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Handshake_RevokedInAnotherInstance_RefusedAfterRefresh()
    {
        using var certificate = TestPki.Merchant("m-revoked-elsewhere");
        // Another instance revoked it: only the database knows.
        await Host.Database.AppExecuteAsync(
            $"INSERT INTO terminals.certificate_revocations VALUES ('{certificate.SerialNumber}', now(), 'compromised', 'urn:gpos:ops:other')");

        var refused = false;
        for (var attempt = 0; attempt < 20 && !refused; attempt++)
        {
            using var client = Host.MtlsClient(certificate);
            try
            {
                await client.GetAsync(new Uri("/v1/me", UriKind.Relative));
                await Task.Delay(250);
            }
            catch (HttpRequestException)
            {
                refused = true;
            }
        }

        Assert.True(refused, "A certificate revoked in the database must be refused within a few refresh intervals.");
    }

    [Fact]
    public async Task Handshake_CertificateWithoutGposIdentity_Returns401ProblemJson()
    {
        using var certificate = TestPki.Client("urn:example:not-gpos");
        using var client = Host.MtlsClient(certificate);

        var response = await client.GetAsync(new Uri("/v1/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static X509Certificate2? Make(string kind) => kind switch
    {
        "none" => null,
        "self-signed" => TestPki.SelfSigned(MerchantUrn),
        "other-ca" => TestPki.FromOtherCa(MerchantUrn),
        "expired" => TestPki.Expired(MerchantUrn),
        "not-yet-valid" => TestPki.NotYetValid(MerchantUrn),
        "server-auth-only" => TestPki.ServerAuthOnly(MerchantUrn),
        "no-eku" => TestPki.NoEku(MerchantUrn),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private sealed record WhoAmI(string Kind, string Id, string Urn, string? MerchantId, string? CertificateSerial);
}
