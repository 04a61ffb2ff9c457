namespace Gpos.BrCode;

/// <summary>
/// Thrown by <see cref="BrCode.Parse(ReadOnlySpan{char}, BrCodeParseOptions)"/> when a BR Code has errors.
/// Names the first error's tag and offset and carries every violation.
/// </summary>
public sealed class BrCodeFormatException : FormatException
{
    /// <summary>Creates an exception for a generic failure (prefer the violations constructor).</summary>
    public BrCodeFormatException()
        : this("The BR Code is invalid.")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public BrCodeFormatException(string message)
        : base(message)
    {
        Violations = [];
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public BrCodeFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Violations = [];
    }

    /// <summary>Creates an exception from the violations of a failed parse.</summary>
    public BrCodeFormatException(IReadOnlyList<BrCodeViolation> violations)
        : base(Describe(violations))
    {
        ArgumentNullException.ThrowIfNull(violations);
        Violations = violations;
        var first = violations.FirstOrDefault(v => v.Severity == BrCodeSeverity.Error);
        Tag = first.Tag;
        Offset = first.Offset;
        Reason = first.Reason;
    }

    /// <summary>The tag of the first error.</summary>
    public BrCodeTag Tag { get; } = BrCodeTag.None;

    /// <summary>The character offset of the first error, or -1.</summary>
    public int Offset { get; } = -1;

    /// <summary>The reason of the first error.</summary>
    public BrCodeViolationReason? Reason { get; }

    /// <summary>Every error and warning found.</summary>
    public IReadOnlyList<BrCodeViolation> Violations { get; }

    private static string Describe(IReadOnlyList<BrCodeViolation>? violations)
    {
        var first = violations?.FirstOrDefault(v => v.Severity == BrCodeSeverity.Error);
        return first is { } error ? "Invalid BR Code: " + error : "Invalid BR Code.";
    }
}
