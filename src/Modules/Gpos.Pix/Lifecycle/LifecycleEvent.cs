using System.Text.Json.Nodes;
using Gpos.Ledger.Contracts;

namespace Gpos.Pix.Lifecycle;

/// <summary>
/// Something the PSP says happened to a received Pix. <see cref="EventKey"/> identifies it across redeliveries
/// (<c>settled</c>, <c>blocked</c>, <c>released</c>, <c>return:{devolucaoId}</c>); <see cref="Amount"/> is the returned
/// amount of a <see cref="PixTransition.Return"/>; <see cref="RefundHold"/> is the ledger hold of the merchant's own
/// devolução that the return completes (null for MED and other returns the merchant did not ask for).
/// </summary>
internal sealed record LifecycleEvent(PixTransition Transition, string EventKey, long Amount, DateTimeOffset OccurredAt, string Detail)
{
    public string? DevolucaoId { get; init; }

    public JsonObject? Payload { get; init; }

    public SourceKey? RefundHold { get; init; }
}

internal enum LifecycleOutcome
{
    Applied,
    Duplicate,
    Refused,
}
