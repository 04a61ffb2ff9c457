using System.ComponentModel.DataAnnotations;

namespace Gpos.Api.Hosting;

/// <summary>
/// Request rate limits per caller (section <c>Gpos:RateLimits</c>): token buckets per terminal, per merchant (all of
/// its terminals and its backend together) and per remote address for anonymous callers (enrollment, CRL). The PSP
/// and ops are not rate-limited: the PSP's notification bursts are money arriving, and ops is a handful of people. The
/// PSP's notifications are bounded in concurrency instead, in the Pix module (ADR 0014).
/// A refused request gets 429 problem+json with Retry-After.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Gpos:RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Sustained requests per second of one terminal (a POS makes a few per sale).</summary>
    [Range(1, 1_000_000)]
    public int TerminalPerSecond { get; set; } = 50;

    [Range(1, 1_000_000)]
    public int TerminalBurst { get; set; } = 100;

    /// <summary>Sustained requests per second of one merchant, summed over its terminals and backend.</summary>
    [Range(1, 1_000_000)]
    public int MerchantPerSecond { get; set; } = 5_000;

    [Range(1, 1_000_000)]
    public int MerchantBurst { get; set; } = 10_000;

    /// <summary>Sustained requests per second of one remote address without a certificate (bootstrap port).</summary>
    [Range(1, 1_000_000)]
    public int AnonymousPerSecond { get; set; } = 20;

    [Range(1, 1_000_000)]
    public int AnonymousBurst { get; set; } = 40;
}
