using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Gpos.PspSimulator.Tls;

namespace Gpos.PspSimulator.Webhooks;

/// <summary>
/// The HTTPS client of webhook deliveries: presents the PSP client certificate (with its chain) and trusts GPOS's
/// server certificate only if it chains to a configured root.
/// </summary>
internal sealed class WebhookHttp : IDisposable
{
    private readonly HttpClient _client;
    private readonly PspSimulatorOptions _options;
    private readonly TimeProvider _clock;

    public WebhookHttp(TlsMaterial tls, CertificateChecks checks, PspSimulatorOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            MaxConnectionsPerServer = options.WebhookMaxConnections,
        };
        handler.SslOptions.ClientCertificateContext = tls.WebhookClientContext();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is X509Certificate2 leaf && checks.IsAcceptableServer(leaf);
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>One attempt: the HTTP status, or null and the error when there was no answer.</summary>
    public async Task<(int? Status, string? Error)> PostAsync(Uri url, string json, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.WebhookAttemptTimeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        try
        {
            using var response = await _client.PostAsync(url, content, linked.Token);
            return ((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (null, "timeout");
        }
        catch (HttpRequestException exception)
        {
            return (null, exception.Message);
        }
    }

    public void Dispose() => _client.Dispose();
}
