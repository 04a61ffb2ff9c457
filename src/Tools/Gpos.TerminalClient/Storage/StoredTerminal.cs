namespace Gpos.TerminalClient.Storage;

/// <summary>The content of <c>terminal.json</c>: who the terminal is, where its servers are, which credential is current.</summary>
internal sealed record StoredTerminal(
    string TerminalId,
    string MerchantId,
    string SerialNumber,
    Uri BootstrapBase,
    Uri MtlsBase,
    string RootCaSource,
    string Credential,
    string CertificateSerialNumber,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    DateTimeOffset ServerRenewAfter,
    DateTimeOffset EnrolledAt,
    DateTimeOffset? RenewedAt);

/// <summary>
/// The content of <c>renewal.json</c>: the renewal schedule of the current certificate (drawn once, with jitter, so a
/// restart does not redraw it), the server's advice, and the retry state after failures.
/// </summary>
internal sealed record RenewalState(
    string CertificateSerialNumber,
    DateTimeOffset ScheduledAt,
    DateTimeOffset? AdvisedAt = null,
    int Failures = 0,
    DateTimeOffset? NextAttemptAt = null,
    DateTimeOffset? LastAttemptAt = null,
    string? LastError = null,
    bool TerminalRevoked = false);
