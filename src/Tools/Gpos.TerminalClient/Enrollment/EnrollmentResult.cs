namespace Gpos.TerminalClient;

/// <summary>How an enrollment attempt ended. Only <see cref="Enrolled"/> stores anything.</summary>
public enum EnrollmentStatus
{
    /// <summary>GPOS issued the first certificate; the store now holds the terminal.</summary>
    Enrolled,

    /// <summary>Unknown serial or wrong activation code (GPOS does not say which).</summary>
    Refused,

    /// <summary>Too many failed attempts: the code is locked; ops or the merchant must issue a new one.</summary>
    ActivationLocked,

    /// <summary>The activation code has expired.</summary>
    ActivationCodeExpired,

    /// <summary>The activation code has already enrolled a terminal.</summary>
    ActivationCodeUsed,

    /// <summary>The terminal is revoked and can no longer enroll.</summary>
    TerminalRevoked,

    /// <summary>GPOS refused the certificate signing request.</summary>
    InvalidCsr,

    /// <summary>The terminal must present a manufacturer attestation that GPOS accepts.</summary>
    AttestationRefused,

    /// <summary>The store already holds an enrolled terminal; nothing was sent.</summary>
    AlreadyEnrolled,

    /// <summary>GPOS could not be reached, or answered with a server error; trying again later may work.</summary>
    ServerUnavailable,

    /// <summary>Any other answer (a bug or a version mismatch): see <see cref="EnrollmentResult.Problem"/>.</summary>
    Failed,
}

/// <summary>The outcome of <see cref="EnrollmentClient.EnrollAsync"/>: a value, not an exception, for every expected case.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Identity">The enrolled terminal, when <see cref="Status"/> is <see cref="EnrollmentStatus.Enrolled"/>.</param>
/// <param name="Problem">GPOS's problem answer or the transport failure, otherwise.</param>
public sealed record EnrollmentResult(EnrollmentStatus Status, TerminalIdentity? Identity = null, ServerProblem? Problem = null)
{
    /// <summary>Whether the terminal is now enrolled.</summary>
    public bool Succeeded => Status == EnrollmentStatus.Enrolled;
}
