using System.Net.Http.Json;
using Gpos.TerminalClient.Http;
using Gpos.TerminalClient.Storage;

namespace Gpos.TerminalClient;

/// <summary>
/// The terminal's client for GPOS's mTLS port: one long-lived <see cref="HttpClient"/> whose connections present the
/// terminal's current certificate and validate GPOS against the terminal's private root. After a renewal, new requests
/// use the new certificate while requests in flight finish on the old connections. Every response is inspected for the
/// <c>Gpos-Certificate-Renew</c> header, which schedules an early renewal.
/// </summary>
public sealed class TerminalApiClient : IDisposable
{
    private readonly CredentialHandler _handler;

    internal TerminalApiClient(Uri mtlsBase, ServerTrust trust, TerminalCredential credential, Action<string, DateTimeOffset> renewalAdvised)
    {
        _handler = new CredentialHandler(trust, credential, renewalAdvised);
        Http = new HttpClient(_handler, disposeHandler: true) { BaseAddress = mtlsBase, Timeout = TerminalHttp.RequestTimeout };
    }

    /// <summary>
    /// The mTLS <see cref="HttpClient"/> (base address: the mTLS port) for calls this class does not wrap yet. Do not
    /// dispose it; it lives as long as this client.
    /// </summary>
    public HttpClient Http { get; }

    /// <summary>Serial number of the certificate new connections present.</summary>
    public string CertificateSerialNumber => _handler.CertificateSerialNumber;

    /// <summary>Asks GPOS who this terminal is (<c>GET /v1/me</c>).</summary>
    /// <exception cref="HttpRequestException">GPOS is unreachable, refused the handshake, or answered with an error.</exception>
    public async Task<TerminalCaller> WhoAmIAsync(CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(new Uri("/v1/me", UriKind.Relative), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await ProblemReader.ReadAsync(response, cancellationToken);
            throw new HttpRequestException($"GET /v1/me failed: {problem}", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<TerminalCaller>(Wire.Json, cancellationToken)
            ?? throw new HttpRequestException("GET /v1/me returned an empty body.");
    }

    internal Task<HttpResponseMessage> RequestCertificateAsync(string csr, CancellationToken cancellationToken) =>
        Http.PostAsJsonAsync(new Uri("/v1/terminals/me/certificate", UriKind.Relative), new RenewRequest(csr), Wire.Json, cancellationToken);

    internal void Use(TerminalCredential credential) => _handler.Use(credential);

    /// <inheritdoc />
    public void Dispose() => Http.Dispose();
}
