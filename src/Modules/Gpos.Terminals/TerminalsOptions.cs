using System.ComponentModel.DataAnnotations;

namespace Gpos.Terminals;

/// <summary>Settings of the Terminals module (section <c>Gpos:Terminals</c>).</summary>
public sealed class TerminalsOptions
{
    public const string Section = "Gpos:Terminals";

    /// <summary>How often every instance reloads the revocation list (the upper bound on "revoked → refused").</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RevocationRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>PEM certificate of the issuing CA that signs terminal certificates.</summary>
    [Required]
    public string IssuingCaCertificatePath { get; set; } = "";

    /// <summary>PEM PKCS#8 private key of the issuing CA (a file path; a key store can replace <c>IIssuingCa</c>).</summary>
    [Required]
    public string IssuingCaKeyPath { get; set; } = "";

    /// <summary>Lifetime of a terminal certificate: short, so a lost device ages out even if nobody revokes it.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan CertificateLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Fraction of the lifetime after which responses tell the terminal to renew.</summary>
    [Range(0.1, 0.95)]
    public double RenewAfterFraction { get; set; } = 2.0 / 3.0;

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ActivationCodeLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Failed attempts after which an activation code is locked for good (a new code must be issued).</summary>
    [Range(1, 20)]
    public int MaxActivationAttempts { get; set; } = 5;

    /// <summary>"Expiring soon" window of the ops list and the background report.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ExpiringSoonWindow { get; set; } = TimeSpan.FromDays(2);

    /// <summary>PEM roots of terminal manufacturers whose attestation certificates GPOS accepts (optional).</summary>
    public string[] ManufacturerCaPaths { get; set; } = [];
}
