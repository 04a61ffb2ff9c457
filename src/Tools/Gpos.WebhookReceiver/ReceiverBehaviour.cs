namespace Gpos.WebhookReceiver;

/// <summary>How the receiver answers the next requests: a status, a delay, a Retry-After, a redirect, a reset, or garbage.</summary>
public sealed record ReceiverBehaviour
{
    public static ReceiverBehaviour Ok { get; } = new();

    public int Status { get; init; } = 200;

    public TimeSpan Delay { get; init; }

    public int? RetryAfterSeconds { get; init; }

    /// <summary>Answer 307 to this location (GPOS must not follow it).</summary>
    public Uri? RedirectTo { get; init; }

    /// <summary>Abort the connection without an answer.</summary>
    public bool Reset { get; init; }

    /// <summary>Answer with bytes that are not HTTP at all.</summary>
    public bool Garbage { get; init; }
}
