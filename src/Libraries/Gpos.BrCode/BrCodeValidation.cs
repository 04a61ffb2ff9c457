using Gpos.BrCode.Internal;

namespace Gpos.BrCode;

/// <summary>
/// The outcome of <see cref="BrCode.Validate(ReadOnlySpan{char}, BrCodeParseOptions)"/>: counts and the first
/// error, without allocating. Use <see cref="BrCode.TryParse(ReadOnlySpan{char}, BrCodeParseOptions)"/> for the full list.
/// </summary>
public readonly record struct BrCodeValidation
{
    internal BrCodeValidation(in ViolationSink sink, BrCodeKind kind)
    {
        ErrorCount = sink.ErrorCount;
        WarningCount = sink.WarningCount;
        FirstError = sink.FirstError;
        Kind = kind;
    }

    /// <summary>True when no error was found (warnings may exist).</summary>
    public bool IsValid => ErrorCount == 0;

    /// <summary>Number of errors.</summary>
    public int ErrorCount { get; }

    /// <summary>Number of warnings.</summary>
    public int WarningCount { get; }

    /// <summary>The first error found, or null.</summary>
    public BrCodeViolation? FirstError { get; }

    /// <summary>Static (key) or dynamic (url); meaningful when <see cref="IsValid"/>.</summary>
    public BrCodeKind Kind { get; }
}
