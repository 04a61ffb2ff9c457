using System.Threading.RateLimiting;
using Gpos.Pix.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Gpos.Pix.Webhook;

/// <summary>
/// A bound on concurrent PSP notification requests (ADR 0014): <see cref="PixOptions.WebhookMaxConcurrentRequests"/> are
/// worked at once, <see cref="PixOptions.WebhookQueueLimit"/> more wait in arrival order, and the rest are answered at
/// once with 503 <c>ServicoIndisponivel</c> and <c>Retry-After</c>, before their body is read. A concurrency bound, not a
/// rate: what runs out under a PSP's backlog is database connections and CPU, whatever the batches' sizes. Nothing is
/// lost by refusing: the PSP sends the notification again, and the reconciler asks the PSP for charges still ATIVA.
/// Runs after authentication and authorization, so only the PSP's requests take a place.
/// </summary>
internal sealed class PspWebhookGate : IEndpointFilter, IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly int _retryAfterSeconds;

    public PspWebhookGate(IOptions<PixOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Value.WebhookMaxConcurrentRequests,
            QueueLimit = options.Value.WebhookQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _retryAfterSeconds = options.Value.RetryAfterSeconds;
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        using var lease = await _limiter.AcquireAsync(1, context.HttpContext.RequestAborted);
        if (!lease.IsAcquired)
        {
            return PixProblems.ServicoIndisponivel(context.HttpContext, _retryAfterSeconds,
                "Notificações demais em processamento; nada foi registrado. Reenvie após o intervalo indicado.");
        }

        return await next(context);
    }

    public void Dispose() => _limiter.Dispose();
}
