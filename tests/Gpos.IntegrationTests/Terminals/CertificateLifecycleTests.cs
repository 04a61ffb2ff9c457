using System.Formats.Asn1;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gpos.IntegrationTests.Foundation;
using Gpos.Testing;
using static Gpos.IntegrationTests.Terminals.TerminalKit;

namespace Gpos.IntegrationTests.Terminals;

/// <summary>Renewal, revocation and the CRL over real TLS (issue 6, "Done when").</summary>
public sealed class CertificateLifecycleTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private GposTestHost Host => fixture.Host;

    [Fact]
    public async Task Renew_OverMtls_IssuesNewCertificateForTheSameIdentity_OldStillWorks()
    {
        var (terminal, oldCertificate, _) = await EnrollNewAsync(Host);
        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var oldClient = Host.MtlsClient(oldCertificate);

        // A CSR asking for another terminal's identity changes nothing: GPOS decides the identity.
        var response = await oldClient.PostAsJsonAsync("/v1/terminals/me/certificate", new { csr = Csr(newKey, "CN=t-someoneelse00000") });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var renewed = (await response.Content.ReadFromJsonAsync<Enrolled>())!;
        Assert.Equal(terminal.TerminalId, renewed.TerminalId);
        using var newCertificate = WithKey(renewed.Certificate, newKey);
        Assert.NotEqual(oldCertificate.SerialNumber, newCertificate.SerialNumber);
        using var newClient = Host.MtlsClient(newCertificate);
        var me = await newClient.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/me");
        Assert.Equal(terminal.TerminalId, me.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await oldClient.GetAsync(new Uri("/v1/me", UriKind.Relative))).StatusCode);
        var authorisedBy = await Host.Database.AdminScalarAsync<string>(
            $"SELECT authorised_by FROM terminals.issued_certificates WHERE serial_number = '{newCertificate.SerialNumber}'");
        Assert.Equal($"renewal-of:{oldCertificate.SerialNumber}", authorisedBy);
        oldCertificate.Dispose();
    }

    [Theory]
    [InlineData("merchant")]
    [InlineData("ops")]
    public async Task Renew_ByANonTerminal_IsForbidden(string role)
    {
        using var certificate = role == "merchant" ? TestPki.Merchant("m-x") : TestPki.Ops();
        using var client = Host.MtlsClient(certificate);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var response = await client.PostAsJsonAsync("/v1/terminals/me/certificate", new { csr = Csr(key) });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task RevokeTerminal_CutsOffEveryCertificate_AndItCannotRenewOrReEnroll()
    {
        var (terminal, certificate, _) = await EnrollNewAsync(Host);
        using var ops = Host.OpsClient();

        var revoke = await ops.PutAsJsonAsync($"/ops/v1/terminals/{terminal.TerminalId}/revocation", new { reason = "stolen" });

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        using var client = Host.MtlsClient(certificate);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var handshake = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.PostAsJsonAsync("/v1/terminals/me/certificate", new { csr = Csr(key) }));
        Assert.Null(handshake.StatusCode);
        var newCode = await ops.PostAsync(new Uri($"/ops/v1/terminals/{terminal.TerminalId}/activation-codes", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, newCode.StatusCode);
        var view = await ops.GetFromJsonAsync<System.Text.Json.JsonElement>($"/ops/v1/terminals/{terminal.TerminalId}");
        Assert.Equal("REVOKED", view.GetProperty("status").GetString());
        certificate.Dispose();
    }

    [Fact]
    public async Task Crl_ListsRevokedSerial_AndVerifiesAgainstTheIssuingCa()
    {
        var (terminal, certificate, _) = await EnrollNewAsync(Host);
        using var ops = Host.OpsClient();
        await ops.PutAsJsonAsync($"/ops/v1/terminals/{terminal.TerminalId}/revocation", new { reason = "decommissioned" });
        using var anonymous = Host.BootstrapClient();

        var crl = await anonymous.GetByteArrayAsync(new Uri("/v1/pki/crl", UriKind.Relative));

        var builder = CertificateRevocationListBuilder.Load(crl, out BigInteger crlNumber);
        Assert.True(crlNumber > 0);
        Assert.True(CrlSignatureVerifies(crl, TestPki.IssuingCa), "the CRL must be signed by the issuing CA");
        Assert.True(builder.RemoveEntry(Convert.FromHexString(certificate.SerialNumber)), "the revoked serial must be listed");
        certificate.Dispose();
    }

    [Fact]
    public async Task ExpiringSoon_ListsTheNewestCertificateOfUnrevokedTerminals()
    {
        var (terminal, certificate, _) = await EnrollNewAsync(Host);
        using var ops = Host.OpsClient();

        var within8Days = await ops.GetFromJsonAsync<System.Text.Json.JsonElement>("/ops/v1/terminals/certificates/expiring?withinHours=192");
        var within1Hour = await ops.GetFromJsonAsync<System.Text.Json.JsonElement>("/ops/v1/terminals/certificates/expiring?withinHours=1");

        Assert.Contains(within8Days.EnumerateArray(), e => e.GetProperty("serialNumber").GetString() == certificate.SerialNumber);
        Assert.DoesNotContain(within1Hour.EnumerateArray(), e => e.GetProperty("terminalId").GetString() == terminal.TerminalId);
        certificate.Dispose();
    }

    // RFC 5280 §5.1: CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }.
    private static bool CrlSignatureVerifies(byte[] crl, X509Certificate2 issuer)
    {
        var reader = new AsnReader(crl, AsnEncodingRules.DER).ReadSequence();
        var tbs = reader.ReadEncodedValue();
        reader.ReadSequence(); // signature algorithm (ecdsa-with-SHA256)
        var signature = reader.ReadBitString(out _);
        using var key = issuer.GetECDsaPublicKey()!;
        return key.VerifyData(tbs.Span, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }
}
