using System.ComponentModel.DataAnnotations;

namespace Gpos.Cards;

/// <summary>Settings of the Cards module (section <c>Gpos:Cards</c>).</summary>
public sealed class CardsOptions
{
    public const string Section = "Gpos:Cards";

    /// <summary>Used only when the environment is Development and no key is configured (like the dev PKI in certs/dev).</summary>
    internal const string DevelopmentTokenKey = "gpos-development-only-card-token-key-not-a-secret";

    /// <summary>HMAC-SHA256 key (at least 32 characters) for PAN tokens and idempotency fingerprints. A secret: environment or file, never committed.</summary>
    [Required]
    [MinLength(32)]
    public string TokenKey { get; set; } = "";

    /// <summary>Card host address (ISO 8583 ASCII over TCP, 2-byte length header).</summary>
    [Required]
    public string HostAddress { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int HostPort { get; set; } = 7460;

    /// <summary>How long a request waits for its answer before the outcome is unknown (and reversed).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Echo test (0800 DE70=301) after this much silence on the link.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan EchoInterval { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An approved sale not confirmed (receipt printed) within this window is reversed (TEF practice).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ConfirmationWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the store-and-forward and confirmation workers look for due work.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan WorkerInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First delay before a reversal is sent again; doubles up to <see cref="ReversalMaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan ReversalRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan ReversalMaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Counted attempts (refused, unanswered, link lost after sending) after which a reversal or completion advice is
    /// flagged for manual intervention and no longer retried until ops re-queue it (PayEx IFSF H2H: after 6 retries).
    /// </summary>
    [Range(1, 1000)]
    public int SafMaxAttempts { get; set; } = 6;

    /// <summary>Failure ratio over <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    [Range(2, 10000)]
    public int BreakerMinimumThroughput { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>DE32 acquiring institution id sent to the host (and in DE90 of reversals).</summary>
    [RegularExpression("^[0-9]{1,11}$")]
    public string AcquirerId { get; set; } = "00000000200";
}
