namespace Gpos.Webhooks.Delivery;

internal enum AttemptOutcome
{
    /// <summary>2xx: delivered.</summary>
    Delivered,

    /// <summary>410 Gone: the receiver asks us to stop; the endpoint is disabled.</summary>
    Gone,

    /// <summary>Any other status (3xx included: redirects are not followed), a timeout, a reset, or garbage: retried on schedule.</summary>
    Failed,

    /// <summary>The endpoint's circuit is open: not sent, postponed without spending an attempt.</summary>
    CircuitOpen,
}

/// <summary>What one POST did; <see cref="ResponseBody"/> is truncated to 1 KiB.</summary>
internal sealed record AttemptResult(AttemptOutcome Outcome, int? HttpStatus, TimeSpan? RetryAfter, string? ResponseBody, string? Error,
    TimeSpan Duration)
{
    /// <summary>Counts against the endpoint's circuit breaker: no answer, or a 5xx / 429.</summary>
    public bool IsTransientFailure => Outcome == AttemptOutcome.Failed && (HttpStatus is null or >= 500 or 429);
}
