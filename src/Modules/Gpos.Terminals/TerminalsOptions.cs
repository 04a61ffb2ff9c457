using System.ComponentModel.DataAnnotations;

namespace Gpos.Terminals;

/// <summary>Settings of the Terminals module (section <c>Gpos:Terminals</c>).</summary>
public sealed class TerminalsOptions
{
    public const string Section = "Gpos:Terminals";

    /// <summary>How often every instance reloads the revocation list (the upper bound on "revoked → refused").</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RevocationRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}
