namespace Gpos.BrCode;

/// <summary>The outcome of <see cref="BrCode.TryParse(ReadOnlySpan{char}, BrCodeParseOptions)"/>.</summary>
public sealed class BrCodeParseResult
{
    internal BrCodeParseResult(BrCode? code, IReadOnlyList<BrCodeViolation> violations)
    {
        Code = code;
        Violations = violations;
    }

    /// <summary>True when the code has no errors (warnings may exist); then <see cref="Code"/> is set.</summary>
    public bool IsValid => Code is not null;

    /// <summary>The decoded code, or null when there is at least one error.</summary>
    public BrCode? Code { get; }

    /// <summary>Every error and warning, in the order found.</summary>
    public IReadOnlyList<BrCodeViolation> Violations { get; }

    /// <summary>Only the errors.</summary>
    public IEnumerable<BrCodeViolation> Errors => Violations.Where(v => v.Severity == BrCodeSeverity.Error);

    /// <summary>Only the warnings.</summary>
    public IEnumerable<BrCodeViolation> Warnings => Violations.Where(v => v.Severity == BrCodeSeverity.Warning);
}
