namespace Gpos.Ledger.Contracts;

/// <summary>
/// The request was refused (see <see cref="Reason"/>); nothing was written. These are programming errors or lost
/// races of the calling module, so they are exceptions; the ledger never lets the database raise inside the caller's
/// transaction for them, so the caller may still commit its other work or roll back.
/// </summary>
public sealed class LedgerRejectedException : Exception
{
    public LedgerRejectedException(LedgerRejection reason, string message)
        : base(message) => Reason = reason;

    public LedgerRejectedException()
        : this(LedgerRejection.InvalidInput, "The ledger rejected the request.")
    {
    }

    public LedgerRejectedException(string message)
        : this(LedgerRejection.InvalidInput, message)
    {
    }

    public LedgerRejectedException(string message, Exception innerException)
        : base(message, innerException) => Reason = LedgerRejection.InvalidInput;

    public LedgerRejection Reason { get; }
}
