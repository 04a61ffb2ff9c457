namespace Gpos.TerminalClient;

/// <summary>
/// When a terminal renews its certificate and how it retries (design.md §2 step 3): at about two thirds of the lifetime,
/// moved by a random jitter so a fleet enrolled together does not renew together; earlier when GPOS advises it in the
/// <c>Gpos-Certificate-Renew</c> header; never later than a safety margin before expiry. Failed attempts are retried with
/// exponential backoff and jitter. Give it a seeded <see cref="Random"/> for repeatable schedules in tests.
/// </summary>
public sealed class RenewalPolicy
{
    private readonly Random _random;

    /// <summary>A policy drawing its jitter from <paramref name="random"/> (a shared random source when null).</summary>
    public RenewalPolicy(Random? random = null) => _random = random ?? Random.Shared;

    /// <summary>Fraction of the lifetime at which to renew; 2/3 by default.</summary>
    public double RenewAtFraction { get; init; } = 2.0 / 3.0;

    /// <summary>Jitter of the renewal time, as a fraction of the lifetime either side (±5% by default).</summary>
    public double JitterFraction { get; init; } = 0.05;

    /// <summary>
    /// The last planned renewal moment, as a fraction of the lifetime before expiry (5% by default); attempts after it are
    /// retries of a late renewal.
    /// </summary>
    public double SafetyMarginFraction { get; init; } = 0.05;

    /// <summary>
    /// The least time between receiving a certificate and its scheduled renewal, as a fraction of its lifetime (5% by
    /// default): a terminal whose clock runs ahead of GPOS's would otherwise renew again at once, in a loop.
    /// </summary>
    public double MinimumAgeFraction { get; init; } = 0.05;

    /// <summary>First retry delay after a failed attempt (30 s by default); it doubles with each further failure.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest retry delay (1 h by default).</summary>
    public TimeSpan MaximumBackoff { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Jitter of each retry delay, as a fraction either side (±20% by default).</summary>
    public double BackoffJitterFraction { get; init; } = 0.2;

    /// <summary>When to renew a certificate valid from <paramref name="notBefore"/> to <paramref name="notAfter"/>, received at <paramref name="now"/>.</summary>
    public DateTimeOffset ScheduleRenewal(DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset now)
    {
        var lifetime = notAfter - notBefore;
        var fraction = RenewAtFraction + (((_random.NextDouble() * 2) - 1) * JitterFraction);
        var at = notBefore + (lifetime * fraction);
        var earliest = now + (lifetime * MinimumAgeFraction);
        var latest = LatestRenewal(notBefore, notAfter);
        return at < earliest ? Min(earliest, latest) : Min(at, latest);
    }

    /// <summary>The last planned moment to renew: a safety margin before <paramref name="notAfter"/>.</summary>
    public DateTimeOffset LatestRenewal(DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        notAfter - ((notAfter - notBefore) * SafetyMarginFraction);

    /// <summary>When renewal is due, given the schedule and GPOS's advice (if any) for the current certificate.</summary>
    public static DateTimeOffset Due(DateTimeOffset scheduledAt, DateTimeOffset? advisedAt) =>
        advisedAt is { } advised && advised < scheduledAt ? advised : scheduledAt;

    /// <summary>The delay before retry number <paramref name="failures"/> (1 for the first retry), with jitter.</summary>
    public TimeSpan Backoff(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var exponent = Math.Min(failures - 1, 30);
        var delay = Math.Min(InitialBackoff.TotalSeconds * Math.Pow(2, exponent), MaximumBackoff.TotalSeconds);
        var jitter = 1 + (((_random.NextDouble() * 2) - 1) * BackoffJitterFraction);
        return TimeSpan.FromSeconds(delay * jitter);
    }

    /// <summary>
    /// When to try again after <paramref name="failures"/> consecutive failures at <paramref name="now"/>: after the
    /// backoff, but no later than the last planned renewal moment while that is still ahead, so a long backoff never
    /// sleeps through the certificate's expiry.
    /// </summary>
    public DateTimeOffset NextAttempt(int failures, DateTimeOffset now, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var next = now + Backoff(failures);
        var latest = LatestRenewal(notBefore, notAfter);
        return now < latest && next > latest ? latest : next;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
