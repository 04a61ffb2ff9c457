using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Gpos.Testing;

namespace Gpos.IntegrationTests.Terminals;

/// <summary>What a terminal and an ops user do in these tests, over the real ports.</summary>
internal static class TerminalKit
{
    public sealed record Registered(string TerminalId, string SerialNumber, string MerchantId, string ActivationCode);

    public sealed record Enrolled(string TerminalId, string MerchantId, string SerialNumber, string Certificate, string Chain,
        DateTimeOffset NotBefore, DateTimeOffset NotAfter, DateTimeOffset RenewAfter);


    public static async Task<Registered> RegisterAsync(GposTestHost host, string merchantId = "m-term", string? serial = null)
    {
        using var ops = host.OpsClient();
        serial ??= $"SN-{Guid.NewGuid():N}"[..20];
        var response = await ops.PostAsJsonAsync("/ops/v1/terminals", new { serialNumber = serial, model = "Gertec GPOS720", merchantId });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Registered(body.GetProperty("terminalId").GetString()!, serial, merchantId, body.GetProperty("activationCode").GetString()!);
    }

    public static string Csr(AsymmetricAlgorithm key, string subject = "CN=terminal") => key switch
    {
        ECDsa ec => new CertificateRequest(subject, ec, HashAlgorithmName.SHA256).CreateSigningRequestPem(),
        RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequestPem(),
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    public static async Task<HttpResponseMessage> EnrollAsync(GposTestHost host, string serial, string code, string csr)
    {
        using var client = host.BootstrapClient();
        return await client.PostAsJsonAsync("/v1/enrollment", new { serialNumber = serial, activationCode = code, csr });
    }

    /// <summary>Registers and enrolls a terminal; returns its certificate with the private key the "terminal" kept.</summary>
    public static async Task<(Registered Terminal, X509Certificate2 Certificate, Enrolled Response)> EnrollNewAsync(
        GposTestHost host, string merchantId = "m-term")
    {
        var terminal = await RegisterAsync(host, merchantId);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var response = await EnrollAsync(host, terminal.SerialNumber, terminal.ActivationCode, Csr(key));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var enrolled = (await response.Content.ReadFromJsonAsync<Enrolled>())!;
        return (terminal, WithKey(enrolled.Certificate, key), enrolled);
    }

    public static X509Certificate2 WithKey(string certificatePem, ECDsa key)
    {
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        return certificate.CopyWithPrivateKey(key);
    }

    public static async Task<string> ProblemTypeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("type").GetString()!;
    }
}
