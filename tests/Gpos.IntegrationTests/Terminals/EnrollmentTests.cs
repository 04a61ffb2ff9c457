using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Gpos.IntegrationTests.Foundation;
using Gpos.Testing;
using static Gpos.IntegrationTests.Terminals.TerminalKit;

namespace Gpos.IntegrationTests.Terminals;

/// <summary>Remote registration (issue 6): register → activation code → CSR → certificate, and every way it can go wrong.</summary>
public sealed class EnrollmentTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Problems = "https://gpos.dev/problems/terminals/";

    private GposTestHost Host => fixture.Host;

    [Fact]
    public async Task Enroll_ValidCodeAndCsr_IssuesCertificateThatWorksOnTheMtlsPort()
    {
        var (terminal, certificate, enrolled) = await EnrollNewAsync(Host, "m-enroll");
        using (certificate)
        using (var client = Host.MtlsClient(certificate))
        {
            var me = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/me");

            Assert.Equal("terminal", me.GetProperty("kind").GetString());
            Assert.Equal(terminal.TerminalId, me.GetProperty("id").GetString());
            Assert.Equal("m-enroll", me.GetProperty("merchantId").GetString());
            Assert.True(enrolled.NotAfter - enrolled.NotBefore <= TimeSpan.FromDays(7.01));
            Assert.True(enrolled.RenewAfter > enrolled.NotBefore && enrolled.RenewAfter < enrolled.NotAfter);
            Assert.Contains("BEGIN CERTIFICATE", enrolled.Chain, StringComparison.Ordinal);
        }

        var logged = await Host.Database.AdminScalarAsync<string>(
            $"SELECT authorised_by FROM terminals.issued_certificates WHERE terminal_id = '{terminal.TerminalId}'");
        Assert.StartsWith("activation-code:", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enroll_RequestedSubjectAndSans_AreIgnoredInFavourOfGposIdentity()
    {
        var terminal = await RegisterAsync(Host, "m-honest");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=urn:gpos:ops:root", key, HashAlgorithmName.SHA256);
        var san = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        san.AddUri(new Uri("urn:gpos:ops:root"));
        request.CertificateExtensions.Add(san.Build());

        var response = await EnrollAsync(Host, terminal.SerialNumber, terminal.ActivationCode, request.CreateSigningRequestPem());

        var enrolled = (await response.Content.ReadFromJsonAsync<Enrolled>())!;
        using var certificate = WithKey(enrolled.Certificate, key);
        var uris = Gpos.BuildingBlocks.Security.CertificateUris.Read(certificate);
        Assert.Equal([$"urn:gpos:terminal:{terminal.TerminalId}", "urn:gpos:merchant:m-honest"], uris);
    }

    [Fact]
    public async Task Enroll_SameCodeTwice_SecondIsRefusedAsUsed()
    {
        var terminal = await RegisterAsync(Host);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal(HttpStatusCode.OK, (await EnrollAsync(Host, terminal.SerialNumber, terminal.ActivationCode, Csr(key))).StatusCode);

        var again = await EnrollAsync(Host, terminal.SerialNumber, terminal.ActivationCode, Csr(key));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(Problems + "activation-code-used", await ProblemTypeAsync(again));
        Assert.Equal(1, await IssuedCountAsync(terminal.TerminalId));
    }

    [Fact]
    public async Task Enroll_ConcurrentUsesOfOneCode_IssueExactlyOneCertificate()
    {
        var terminal = await RegisterAsync(Host);
        var attempts = Enumerable.Range(0, 8).Select(async _ =>
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return (await EnrollAsync(Host, terminal.SerialNumber, terminal.ActivationCode, Csr(key))).StatusCode;
        });

        var statuses = await Task.WhenAll(attempts);

        Assert.Single(statuses, s => s == HttpStatusCode.OK);
        Assert.Equal(1, await IssuedCountAsync(terminal.TerminalId));
    }

    [Fact]
    public async Task Enroll_BruteForce_LocksTheCodeAfterFiveFailures()
    {
        var terminal = await RegisterAsync(Host);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await EnrollAsync(Host, terminal.SerialNumber, $"WRONG-CODE-{i:0000}-XXXX", Csr(key))).StatusCode);
        }

        var withRightCode = await EnrollAsync(Host, terminal.SerialNumber, terminal.ActivationCode, Csr(key));

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Locked], statuses);
        Assert.Equal(HttpStatusCode.Locked, withRightCode.StatusCode);
        Assert.Equal(Problems + "activation-locked", await ProblemTypeAsync(withRightCode));
        Assert.Equal(0, await IssuedCountAsync(terminal.TerminalId));
        // The attempts are logged without the codes.
        Assert.DoesNotContain(Host.Logs.Lines, l => l.Contains("WRONG-CODE", StringComparison.Ordinal) || l.Contains(terminal.ActivationCode, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Enroll_CodeOfAnotherTerminal_IsRefused()
    {
        var a = await RegisterAsync(Host);
        var b = await RegisterAsync(Host);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var response = await EnrollAsync(Host, b.SerialNumber, a.ActivationCode, Csr(key));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(Problems + "enrollment-refused", await ProblemTypeAsync(response));
    }

    [Fact]
    public async Task Enroll_UnknownSerial_GetsTheSameAnswerAsAWrongCode()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var response = await EnrollAsync(Host, "SN-NEVER-REGISTERED", "AAAA-BBBB-CCCC-DDDD", Csr(key));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(Problems + "enrollment-refused", await ProblemTypeAsync(response));
    }

    public static TheoryData<string> BadCsrs => new() { "garbage", "bad-signature", "weak-rsa", "odd-curve", "empty-pem" };

    [Theory]
    [MemberData(nameof(BadCsrs))]
    public async Task Enroll_BadCsr_IsRefusedAndTheCodeStaysUsable(string kind)
    {
        var terminal = await RegisterAsync(Host);

        var response = await EnrollAsync(Host, terminal.SerialNumber, terminal.ActivationCode, BadCsr(kind));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await IssuedCountAsync(terminal.TerminalId));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal(HttpStatusCode.OK, (await EnrollAsync(Host, terminal.SerialNumber, terminal.ActivationCode, Csr(key))).StatusCode);
    }

    [Fact]
    public async Task Enroll_OversizedBody_Returns413()
    {
        var terminal = await RegisterAsync(Host);

        var response = await EnrollAsync(Host, terminal.SerialNumber, terminal.ActivationCode, new string('A', 2 * 1024 * 1024));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Register_DuplicateSerial_Returns409()
    {
        var terminal = await RegisterAsync(Host);
        using var ops = Host.OpsClient();

        var again = await ops.PostAsJsonAsync("/ops/v1/terminals", new { serialNumber = terminal.SerialNumber, model = "x", merchantId = "m2" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Register_AsMerchant_ScopesTerminalsToThatMerchant()
    {
        using var merchantA = Host.MtlsClient(TestPki.Merchant("m-a"));
        using var merchantB = Host.MtlsClient(TestPki.Merchant("m-b"));
        var created = await merchantA.PostAsJsonAsync("/v1/terminals", new { serialNumber = $"SN-A-{Guid.NewGuid():N}"[..16], model = "x", merchantId = "m-b" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var terminalId = body.GetProperty("terminalId").GetString();

        Assert.Equal("m-a", body.GetProperty("merchantId").GetString()); // a merchant cannot register for another
        Assert.Equal(HttpStatusCode.OK, (await merchantA.GetAsync(new Uri($"/v1/terminals/{terminalId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await merchantB.GetAsync(new Uri($"/v1/terminals/{terminalId}", UriKind.Relative))).StatusCode);
    }

    private Task<long> IssuedCountAsync(string terminalId) =>
        Host.Database.AdminScalarAsync<long>($"SELECT count(*) FROM terminals.issued_certificates WHERE terminal_id = '{terminalId}'");

    private static string BadCsr(string kind)
    {
        switch (kind)
        {
            case "garbage":
                return "-----BEGIN CERTIFICATE REQUEST-----\nbm90IGEgY3Ny\n-----END CERTIFICATE REQUEST-----";
            case "empty-pem":
                return "hello";
            case "bad-signature":
            {
                using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                var der = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=x", key, HashAlgorithmName.SHA256).CreateSigningRequest();
                der[^3] ^= 0x5A; // inside the signature value
                return PemEncoding.WriteString("CERTIFICATE REQUEST", der);
            }

            case "weak-rsa":
            {
                using var rsa = RSA.Create(1024);
                return Csr(rsa);
            }

            case "odd-curve":
            {
                using var key = ECDsa.Create(ECCurve.CreateFromFriendlyName("secp256k1"));
                return Csr(key);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}
