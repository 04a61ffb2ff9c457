using System.Globalization;
using Gpos.BrCode.Internal;

namespace Gpos.BrCode;

/// <summary>One problem found in a BR Code: where (tag and character offset), why, and how serious.</summary>
/// <param name="Tag">The data object concerned.</param>
/// <param name="Offset">Zero-based character offset in the input (the start of the TLV header, or of the bad character); -1 when not applicable.</param>
/// <param name="Reason">Machine-readable reason.</param>
/// <param name="Severity">Error (rejects the code) or warning.</param>
public readonly record struct BrCodeViolation(BrCodeTag Tag, int Offset, BrCodeViolationReason Reason, BrCodeSeverity Severity)
{
    /// <summary>A human-readable description of <see cref="Reason"/> (English).</summary>
    public string Message => ViolationMessages.For(Reason);

    /// <summary>Returns e.g. <c>Error CrcMismatch at tag 63, offset 133: ...</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Severity} {Reason} at tag {Tag}, offset {Offset}: {Message}");
}
