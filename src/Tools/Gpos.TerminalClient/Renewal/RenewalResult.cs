namespace Gpos.TerminalClient;

/// <summary>How a renewal attempt ended. Only <see cref="Renewed"/> changes the store.</summary>
public enum RenewalStatus
{
    /// <summary>GPOS issued a new certificate for a new key; both are now current.</summary>
    Renewed,

    /// <summary>GPOS says the terminal is revoked: it will never renew again (recovery is a new registration).</summary>
    TerminalRevoked,

    /// <summary>GPOS refused the certificate signing request.</summary>
    InvalidCsr,

    /// <summary>The mTLS handshake failed with the current certificate (revoked, expired, or unknown to GPOS).</summary>
    CertificateRejected,

    /// <summary>GPOS could not be reached, timed out, or answered with a server error; retry later.</summary>
    ServerUnavailable,

    /// <summary>Any other answer: see <see cref="RenewalResult.Problem"/>.</summary>
    Failed,
}

/// <summary>The outcome of a renewal attempt.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Identity">The terminal with its new certificate, when <see cref="Status"/> is <see cref="RenewalStatus.Renewed"/>.</param>
/// <param name="Problem">GPOS's problem answer or the transport failure, otherwise.</param>
public sealed record RenewalResult(RenewalStatus Status, TerminalIdentity? Identity = null, ServerProblem? Problem = null)
{
    /// <summary>Whether a new certificate is now current.</summary>
    public bool Succeeded => Status == RenewalStatus.Renewed;
}

/// <summary>What <see cref="TerminalAgent.EnsureFreshAsync"/> did.</summary>
public enum RenewalCheckOutcome
{
    /// <summary>The certificate is not due for renewal and no retry is pending.</summary>
    NotDue,

    /// <summary>The certificate was due and has been renewed.</summary>
    Renewed,

    /// <summary>Renewal was due but failed, or a retry is pending; the next attempt is scheduled with backoff.</summary>
    RetryScheduled,

    /// <summary>The terminal cannot renew (revoked, or its certificate expired): it needs a new activation code.</summary>
    NeedsEnrollment,
}

/// <summary>The result of one renewal check.</summary>
/// <param name="Outcome">What the check did.</param>
/// <param name="NextCheckAt">When the next check should run (the renewal time, or the next retry).</param>
/// <param name="Renewal">The renewal attempt made by this check, if any.</param>
public sealed record RenewalCheck(RenewalCheckOutcome Outcome, DateTimeOffset NextCheckAt, RenewalResult? Renewal = null);
