namespace Gpos.BrCode;

/// <summary>How serious a <see cref="BrCodeViolation"/> is.</summary>
public enum BrCodeSeverity
{
    /// <summary>The code is rejected.</summary>
    Error = 0,

    /// <summary>The code is accepted (lenient mode or a tolerated deviation) but the deviation is reported.</summary>
    Warning = 1,
}
