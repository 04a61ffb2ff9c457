namespace Gpos.Ledger.Contracts;

/// <summary>
/// What caused a journal entry or hold: the idempotency key. Posting twice with the same key returns the first entry.
/// </summary>
/// <param name="Module">The writing module, e.g. <c>pix</c>.</param>
/// <param name="SourceId">The module's own id of the record, e.g. the Pix endToEndId.</param>
/// <param name="EventKind">What happened to it, e.g. <c>settled</c>, <c>refunded</c>.</param>
public sealed record SourceKey(string Module, string SourceId, string EventKind)
{
    public override string ToString() => $"{Module}/{SourceId}/{EventKind}";
}
