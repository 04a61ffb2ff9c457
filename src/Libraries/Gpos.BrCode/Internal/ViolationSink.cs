namespace Gpos.BrCode.Internal;

/// <summary>
/// Collects violations. Counts and the first error cost nothing; the list is only allocated when asked for
/// and a violation actually occurs, so validating a good code allocates 0 bytes.
/// </summary>
internal struct ViolationSink(bool collect)
{
    private List<BrCodeViolation>? _list;

    public int ErrorCount { get; private set; }

    public int WarningCount { get; private set; }

    public BrCodeViolation? FirstError { get; private set; }

    public readonly IReadOnlyList<BrCodeViolation> Violations => _list ?? (IReadOnlyList<BrCodeViolation>)[];

    public void Error(BrCodeViolationReason reason, BrCodeTag tag, int offset) =>
        Add(new BrCodeViolation(tag, offset, reason, BrCodeSeverity.Error));

    public void Warning(BrCodeViolationReason reason, BrCodeTag tag, int offset) =>
        Add(new BrCodeViolation(tag, offset, reason, BrCodeSeverity.Warning));

    /// <summary>An error in strict mode, a warning in lenient mode.</summary>
    public void Deviation(bool lenient, BrCodeViolationReason reason, BrCodeTag tag, int offset) =>
        Add(new BrCodeViolation(tag, offset, reason, lenient ? BrCodeSeverity.Warning : BrCodeSeverity.Error));

    private void Add(BrCodeViolation violation)
    {
        if (violation.Severity == BrCodeSeverity.Error)
        {
            ErrorCount++;
            FirstError ??= violation;
        }
        else
        {
            WarningCount++;
        }

        if (collect)
        {
            (_list ??= []).Add(violation);
        }
    }
}
