using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Gpos.Pix.Psp;

internal enum PspOutcome
{
    /// <summary>The PSP answered 2xx; <see cref="PspResponse.Body"/> is its JSON.</summary>
    Accepted,

    /// <summary>The PSP answered 4xx: a final answer about this request (e.g. CobOperacaoInvalida, CobNaoEncontrado).</summary>
    Rejected,

    /// <summary>Timeout, 5xx after retries, transport failure or open circuit: the outcome at the PSP is unknown.</summary>
    Unavailable,
}

internal sealed record PspResponse(PspOutcome Outcome, int Status, JsonObject? Body, string Raw);

/// <summary>
/// GPOS as a client of the PSP's API Pix, over HTTPS with GPOS's PSP client certificate (design.md §3). One Polly
/// pipeline per PSP: total timeout → retry with jittered exponential backoff (idempotent calls only: PUT and GET by txid,
/// safe because the PSP keys charges by txid) → circuit breaker (shared by all calls) → attempt timeout.
/// </summary>
internal sealed partial class PspClient : IDisposable
{
    private readonly PixOptions _options;
    private readonly HttpClient? _http;
    private readonly ResiliencePipeline _breaker;
    private readonly ResiliencePipeline _idempotent;
    private readonly ResiliencePipeline _once;
    private readonly ILogger<PspClient> _logger;

    public PspClient(IOptions<PixOptions> options, TimeProvider time, ILogger<PspClient> logger)
    {
        _options = options.Value;
        _logger = logger;
        if (_options.PspBaseUrl is not null)
        {
            _http = new HttpClient(CreateHandler(_options), disposeHandler: true)
            {
                BaseAddress = _options.PspBaseUrl,
                Timeout = Timeout.InfiniteTimeSpan, // the pipeline owns every time limit
            };
        }

        var handled = new PredicateBuilder()
            .Handle<HttpRequestException>().Handle<IOException>().Handle<TimeoutRejectedException>().Handle<PspTransientException>();
        _breaker = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = handled,
                FailureRatio = _options.BreakerFailureRatio,
                MinimumThroughput = _options.BreakerMinimumThroughput,
                SamplingDuration = _options.BreakerSamplingDuration,
                BreakDuration = _options.BreakerBreakDuration,
            })
            .AddTimeout(_options.AttemptTimeout)
            .Build();
        _idempotent = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(_options.TotalTimeout)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = handled,
                MaxRetryAttempts = Math.Max(1, _options.MaxRetryAttempts),
                Delay = _options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
        _once = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(_options.TotalTimeout).Build();
        if (_options.MaxRetryAttempts == 0)
        {
            _idempotent = _once;
        }
    }

    public Task<PspResponse> PutCobAsync(string txid, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"v2/cob/{txid}", body, idempotent: true, cancellationToken);

    public Task<PspResponse> PatchCobAsync(string txid, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, $"v2/cob/{txid}", body, idempotent: false, cancellationToken);

    public Task<PspResponse> GetCobAsync(string txid, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"v2/cob/{txid}", null, idempotent: true, cancellationToken);

    public Task<PspResponse> GetPixAsync(string e2eid, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"v2/pix/{e2eid}", null, idempotent: true, cancellationToken);

    /// <summary>Not retried: the PSP refuses a used devolução id (an error, not a replay), so a lost answer is read back with GET.</summary>
    public Task<PspResponse> PutDevolucaoAsync(string e2eid, string id, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"v2/pix/{e2eid}/devolucao/{id}", body, idempotent: false, cancellationToken);

    public Task<PspResponse> GetDevolucaoAsync(string e2eid, string id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"v2/pix/{e2eid}/devolucao/{id}", null, idempotent: true, cancellationToken);

    public void Dispose() => _http?.Dispose();

    private async Task<PspResponse> SendAsync(HttpMethod method, string path, JsonObject? body, bool idempotent,
        CancellationToken cancellationToken)
    {
        if (_http is null)
        {
            LogNotConfigured(_logger);
            return new PspResponse(PspOutcome.Unavailable, 0, null, "");
        }

        var payload = body?.ToJsonString();
        try
        {
            var pipeline = idempotent ? _idempotent : _once;
            return await pipeline.ExecuteAsync(
                async outer => await _breaker.ExecuteAsync(async inner => await AttemptAsync(method, path, payload, inner), outer),
                cancellationToken);
        }
        catch (Exception ex) when (ex is BrokenCircuitException or TimeoutRejectedException or HttpRequestException or IOException
            or PspTransientException)
        {
            LogUnavailable(_logger, method.Method, path, ex.GetType().Name);
            return new PspResponse(PspOutcome.Unavailable, 0, null, "");
        }
    }

    private async ValueTask<PspResponse> AttemptAsync(HttpMethod method, string path, string? payload, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (payload is not null)
        {
            request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await _http!.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var raw = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;
        if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new PspTransientException(status);
        }

        JsonObject? json = null;
        try
        {
            json = raw.Length == 0 ? null : JsonNode.Parse(raw) as JsonObject;
        }
        catch (JsonException)
        {
            // A 2xx with a body that is not JSON counts as a transport failure: the outcome at the PSP is unknown.
            if (response.IsSuccessStatusCode)
            {
                throw new PspTransientException(status);
            }
        }

        return new PspResponse(response.IsSuccessStatusCode ? PspOutcome.Accepted : PspOutcome.Rejected, status, json, raw);
    }

    private static SocketsHttpHandler CreateHandler(PixOptions options)
    {
        var client = X509Certificate2.CreateFromPemFile(options.PspClientCertificatePath, options.PspClientKeyPath);
        var root = X509Certificate2.CreateFromPem(File.ReadAllText(options.PspTrustedRootPath));
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = options.AttemptTimeout };
        handler.SslOptions.ClientCertificates = [client];
        handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => client;
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, presented, errors) =>
        {
            if (certificate is not X509Certificate2 leaf)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root);
            if (presented is not null)
            {
                chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
                foreach (var element in presented.ChainElements)
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            // Name mismatch is still fatal: only chain trust is customised here.
            return chain.Build(leaf) && (errors & System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
        };
        return handler;
    }

    [LoggerMessage(LogLevel.Warning, "PSP call {Method} {Path} failed: {Failure}; answering ServicoIndisponivel")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string failure);

    [LoggerMessage(LogLevel.Warning, "No PSP configured (Gpos:Pix:PspBaseUrl); answering ServicoIndisponivel")]
    private static partial void LogNotConfigured(ILogger logger);
}

/// <summary>A 5xx/429 from the PSP: retryable for idempotent calls, counted by the circuit breaker.</summary>
internal sealed class PspTransientException : Exception
{
    public PspTransientException(int status)
        : base($"PSP answered {status}.") => Status = status;

    public PspTransientException()
        : base("PSP failure.")
    {
    }

    public PspTransientException(string message)
        : base(message)
    {
    }

    public PspTransientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Status { get; }
}
