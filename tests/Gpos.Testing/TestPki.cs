using System.Security.Cryptography.X509Certificates;
using Gpos.DevTools;

namespace Gpos.Testing;

/// <summary>
/// A development PKI created once per test process in a temporary folder (the same code as the run command's), and
/// factories for the certificates tests need: valid ones for any identity, and every kind the handshake must refuse.
/// </summary>
public static class TestPki
{
    private static readonly Lazy<DevPki> Instance = new(() =>
        DevPki.EnsureCreated(Path.Combine(Path.GetTempPath(), $"gpos-test-pki-{Environment.ProcessId}"), TimeProvider.System));

    private static readonly Lazy<X509Certificate2> OtherCa = new(() =>
    {
        using var root = CertificateFactory.CreateRootCa("Some Other Root", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return CertificateFactory.CreateIssuingCa(root, "Some Other Issuing CA", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    });

    public static DevPki Pki => Instance.Value;

    public static X509Certificate2 IssuingCa => Pki.LoadIssuingCa();

    public static X509Certificate2 Merchant(string merchantId) =>
        Client($"urn:gpos:merchant:{merchantId}");

    public static X509Certificate2 Terminal(string terminalId, string merchantId) =>
        Client($"urn:gpos:terminal:{terminalId}", $"urn:gpos:merchant:{merchantId}");

    public static X509Certificate2 Psp(string pspId = "psp-test") => Client($"urn:gpos:psp:{pspId}");

    public static X509Certificate2 Ops(string name = "ops-test") => Client($"urn:gpos:ops:{name}");

    /// <summary>A valid client certificate from the GPOS issuing CA with the given URI SANs.</summary>
    public static X509Certificate2 Client(params string[] uris)
    {
        using var ca = IssuingCa;
        return CertificateFactory.IssueClient(ca, "test client", uris, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    public static X509Certificate2 Expired(string uri) => WithDates(uri, DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(-1));

    public static X509Certificate2 NotYetValid(string uri) => WithDates(uri, DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(10));

    /// <summary>Issued by GPOS's CA but for server authentication only.</summary>
    public static X509Certificate2 ServerAuthOnly(string uri)
    {
        using var ca = IssuingCa;
        return CertificateFactory.IssueClient(ca, "wrong eku", [uri], DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1),
            [CertificateFactory.ServerAuthOid]);
    }

    /// <summary>Issued by GPOS's CA with no EKU extension at all ("any purpose" under RFC 5280; GPOS refuses it).</summary>
    public static X509Certificate2 NoEku(string uri)
    {
        using var ca = IssuingCa;
        return CertificateFactory.IssueClient(ca, "no eku", [uri], DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), []);
    }

    public static X509Certificate2 SelfSigned(string uri) =>
        CertificateFactory.SelfSignedClient("self signed", [uri], DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

    public static X509Certificate2 FromOtherCa(string uri) =>
        CertificateFactory.IssueClient(OtherCa.Value, "other ca", [uri], DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

    private static X509Certificate2 WithDates(string uri, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var ca = IssuingCa;
        return CertificateFactory.IssueClient(ca, "dated", [uri], notBefore, notAfter);
    }
}
