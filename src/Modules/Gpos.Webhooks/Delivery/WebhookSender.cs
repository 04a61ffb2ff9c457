using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Gpos.Webhooks.Registration;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;

namespace Gpos.Webhooks.Delivery;

/// <summary>
/// One POST per attempt through a Polly pipeline per endpoint: circuit breaker (an endpoint that keeps failing is skipped
/// fast instead of holding worker slots) around a timeout (<see cref="WebhooksOptions.AttemptTimeout"/>, ~15 s). Redirects
/// are never followed (a 3xx is a failed attempt) and the connect step re-checks every resolved address (SSRF, rebinding).
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    private const int MaxResponseBytes = 1024;

    private readonly WebhooksOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly ResiliencePipelineRegistry<Guid> _pipelines;

    public WebhookSender(IOptions<WebhooksOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        var allowPrivate = _options.AllowPrivateTargets;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = _options.AttemptTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = _options.MaxConcurrencyPerEndpoint,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivate, cancellationToken),
        }, disposeHandler: true)
        { Timeout = Timeout.InfiniteTimeSpan }; // the pipeline owns the time limit
        _pipelines = new ResiliencePipelineRegistry<Guid>(new ResiliencePipelineRegistryOptions<Guid>());
    }

    public async Task<AttemptResult> SendAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        var pipeline = _pipelines.GetOrAddPipeline<AttemptResult>(delivery.EndpointId, Configure);
        var started = _time.GetTimestamp();
        try
        {
            return await pipeline.ExecuteAsync(static (state, token) => new ValueTask<AttemptResult>(state.Self.PostAsync(state.Delivery, token)),
                (Self: this, Delivery: delivery), cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            return new AttemptResult(AttemptOutcome.CircuitOpen, null, null, null, "circuit open", TimeSpan.Zero);
        }
        catch (TimeoutRejectedException)
        {
            return new AttemptResult(AttemptOutcome.Failed, null, null, null,
                $"timeout after {_options.AttemptTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", _time.GetElapsedTime(started));
        }
    }

    private void Configure(ResiliencePipelineBuilder<AttemptResult> builder) => builder
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions<AttemptResult>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is TimeoutRejectedException
                || args.Outcome.Result?.IsTransientFailure == true),
            FailureRatio = _options.BreakerFailureRatio,
            MinimumThroughput = _options.BreakerMinimumThroughput,
            SamplingDuration = _options.BreakerSamplingDuration,
            BreakDuration = _options.BreakerBreakDuration,
        })
        .AddTimeout(_options.AttemptTimeout);

    private async Task<AttemptResult> PostAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var (url, body) = WebhookMessage.Build(delivery);
        var messageId = WebhookMessage.MessageId(delivery);
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(delivery.Secrets, messageId, timestamp, body));
        request.Headers.Add("Gpos-Event-Type", delivery.EventType);
        request.Headers.Add("Gpos-Event-Sequence", delivery.Sequence.ToString(CultureInfo.InvariantCulture));
        request.Headers.UserAgent.ParseAdd("GPOS-Webhooks/1.0");
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            var text = await ReadPrefixAsync(response, cancellationToken);
            var outcome = status switch
            {
                >= 200 and < 300 => AttemptOutcome.Delivered,
                410 => AttemptOutcome.Gone,
                _ => AttemptOutcome.Failed,
            };
            return new AttemptResult(outcome, status, RetryAfter(response), text,
                status is >= 300 and < 400 ? "redirect not followed" : null, _time.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new AttemptResult(AttemptOutcome.Failed, null, null, null, ex.GetBaseException().Message, _time.GetElapsedTime(started));
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : null,
        _ => null,
    };

    private static async Task<string?> ReadPrefixAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxResponseBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += n;
        }

        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endPoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        if (!allowPrivate && addresses.Any(UrlGuard.IsForbidden))
        {
            throw new HttpRequestException($"Refused to connect to {endPoint.Host}: it resolves to a non-public address.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _pipelines.Dispose();
    }
}
