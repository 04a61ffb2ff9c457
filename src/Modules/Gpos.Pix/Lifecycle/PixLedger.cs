using Gpos.Ledger.Contracts;
using Npgsql;

namespace Gpos.Pix.Lifecycle;

/// <summary>
/// The journal side of the Pix lifecycle (design.md §6, accounts follow the money), always in the caller's transaction:
/// <list type="bullet">
/// <item>settle: Dr PSP settlement, Cr merchant payable;</item>
/// <item>block: Dr PSP settlement, Cr merchant blocked, plus a cautelar hold Dr blocked → Cr payable;</item>
/// <item>release: the cautelar hold is posted; a return from a block posts Dr blocked, Cr settlement and posts the rest of
/// the hold (or voids it when nothing is left);</item>
/// <item>a devolução: a hold Dr payable → Cr settlement while EM_PROCESSAMENTO, posted at DEVOLVIDO, voided at
/// NAO_REALIZADO; a MED return: Dr payable, Cr settlement;</item>
/// <item>a flagged payment: Dr settlement, Cr refunds (the merchant's, or the platform's when no charge is known).</item>
/// </list>
/// </summary>
internal sealed class PixLedger(ILedgerPosting ledger)
{
    public const string SettlementAccount = "pix:psp:settlement:brl";
    public const string UnattributedAccount = "pix:unattributed:refunds:brl";
    private const string Module = "pix";
    private const string Brl = "BRL";

    public static string Payable(string merchantId) => $"merchant:{merchantId.ToLowerInvariant()}:payable:brl";

    public static string Blocked(string merchantId) => $"merchant:{merchantId.ToLowerInvariant()}:blocked:brl";

    public static SourceKey CautelarHold(string e2eid) => new(Module, e2eid, "cautelar");

    public static SourceKey RefundHold(string e2eid, string devolucaoId) => new(Module, $"{e2eid}:{devolucaoId}", "refund");

    public async Task SettleAsync(NpgsqlTransaction transaction, ReceivedPixRecord pix, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await EnsureAccountsAsync(transaction, pix.MerchantId, cancellationToken);
        await PostAsync(transaction, new SourceKey(Module, pix.EndToEndId, "received"), $"Pix {pix.EndToEndId} for charge {pix.Txid}", at,
            SettlementAccount, Payable(pix.MerchantId), pix.Valor, cancellationToken);
    }

    public async Task BlockAsync(NpgsqlTransaction transaction, ReceivedPixRecord pix, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await EnsureAccountsAsync(transaction, pix.MerchantId, cancellationToken);
        await PostAsync(transaction, new SourceKey(Module, pix.EndToEndId, "blocked"), $"Pix {pix.EndToEndId} received under cautelar block", at,
            SettlementAccount, Blocked(pix.MerchantId), pix.Valor, cancellationToken);
        await ledger.PlaceHoldAsync(new HoldRequest(CautelarHold(pix.EndToEndId), HoldKind.CautelarBlock, Blocked(pix.MerchantId),
            Payable(pix.MerchantId), pix.Valor, Brl, $"Cautelar block of Pix {pix.EndToEndId}, pending release", at), transaction, cancellationToken);
    }

    public Task ReleaseAsync(NpgsqlTransaction transaction, ReceivedPixRecord pix, DateTimeOffset at, CancellationToken cancellationToken) =>
        ledger.ResolveHoldAsync(new HoldResolutionRequest(CautelarHold(pix.EndToEndId), HoldOutcome.Posted, null,
            $"Cautelar block of Pix {pix.EndToEndId} released", at), transaction, cancellationToken);

    public async Task ReturnAsync(NpgsqlTransaction transaction, ReceivedPixRecord pix, LifecycleEvent returned, long remainingAfter,
        CancellationToken cancellationToken)
    {
        var description = $"Pix {pix.EndToEndId} returned ({returned.EventKey})";
        if (pix.State == PixState.Blocked)
        {
            await PostAsync(transaction, new SourceKey(Module, pix.EndToEndId, returned.EventKey), description, returned.OccurredAt,
                Blocked(pix.MerchantId), SettlementAccount, returned.Amount, cancellationToken);
            await ledger.ResolveHoldAsync(new HoldResolutionRequest(CautelarHold(pix.EndToEndId),
                remainingAfter == 0 ? HoldOutcome.Voided : HoldOutcome.Posted, remainingAfter == 0 ? null : remainingAfter,
                $"Cautelar block of Pix {pix.EndToEndId} ended by a return", returned.OccurredAt), transaction, cancellationToken);
            return;
        }

        if (returned.RefundHold is { } hold)
        {
            await ledger.ResolveHoldAsync(new HoldResolutionRequest(hold, HoldOutcome.Posted, returned.Amount, description, returned.OccurredAt),
                transaction, cancellationToken);
            return;
        }

        await PostAsync(transaction, new SourceKey(Module, pix.EndToEndId, returned.EventKey), description, returned.OccurredAt,
            Payable(pix.MerchantId), SettlementAccount, returned.Amount, cancellationToken);
    }

    /// <summary>
    /// A flagged Pix (unknown charge, wrong amount, paid after expiry, …) is money at the PSP that is not the merchant's
    /// income yet: Dr settlement, Cr a refunds account (owed back to the payer until someone resolves the flag): the
    /// merchant's when the charge is known, the platform's otherwise.
    /// </summary>
    public async Task FlaggedAsync(NpgsqlTransaction transaction, string e2eid, string? merchantId, long valor, string kind, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var owed = merchantId is null ? UnattributedAccount : $"merchant:{merchantId.ToLowerInvariant()}:refunds:brl";
        await ledger.EnsureAccountAsync(new AccountDefinition(SettlementAccount, AccountType.PspSettlement, null, Brl), transaction, cancellationToken);
        await ledger.EnsureAccountAsync(new AccountDefinition(owed, AccountType.Refunds, merchantId, Brl), transaction, cancellationToken);
        await PostAsync(transaction, new SourceKey(Module, e2eid, "flagged"), $"Pix {e2eid} flagged ({kind}), owed back until resolved", at,
            SettlementAccount, owed, valor, cancellationToken);
    }

    /// <summary>A devolução EM_PROCESSAMENTO: the amount leaves the merchant's available balance until the PSP answers.</summary>
    public async Task HoldRefundAsync(NpgsqlTransaction transaction, ReceivedPixRecord pix, string devolucaoId, long amount, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        await EnsureAccountsAsync(transaction, pix.MerchantId, cancellationToken);
        // HoldKind has no refund member: a refund pending at the PSP is an authorized debit awaiting capture.
        await ledger.PlaceHoldAsync(new HoldRequest(RefundHold(pix.EndToEndId, devolucaoId), HoldKind.Authorization, Payable(pix.MerchantId),
            SettlementAccount, amount, Brl, $"Devolução {devolucaoId} of Pix {pix.EndToEndId}, pending at the PSP", at), transaction,
            cancellationToken);
    }

    public Task VoidRefundAsync(NpgsqlTransaction transaction, string e2eid, string devolucaoId, DateTimeOffset at,
        CancellationToken cancellationToken) =>
        ledger.ResolveHoldAsync(new HoldResolutionRequest(RefundHold(e2eid, devolucaoId), HoldOutcome.Voided, null,
            $"Devolução {devolucaoId} of Pix {e2eid} not made", at), transaction, cancellationToken);

    private async Task EnsureAccountsAsync(NpgsqlTransaction transaction, string merchantId, CancellationToken cancellationToken)
    {
        await ledger.EnsureAccountAsync(new AccountDefinition(SettlementAccount, AccountType.PspSettlement, null, Brl), transaction, cancellationToken);
        await ledger.EnsureAccountAsync(new AccountDefinition(Payable(merchantId), AccountType.MerchantPayable, merchantId, Brl), transaction,
            cancellationToken);
        await ledger.EnsureAccountAsync(new AccountDefinition(Blocked(merchantId), AccountType.MerchantBlocked, merchantId, Brl), transaction,
            cancellationToken);
    }

    private Task<PostedEntry> PostAsync(NpgsqlTransaction transaction, SourceKey source, string description, DateTimeOffset at, string debit,
        string credit, long amount, CancellationToken cancellationToken) =>
        ledger.PostAsync(new JournalEntryRequest(source, description, at,
            [new PostingLine(debit, BalanceSide.Debit, amount, Brl), new PostingLine(credit, BalanceSide.Credit, amount, Brl)]),
            transaction, cancellationToken);
}
