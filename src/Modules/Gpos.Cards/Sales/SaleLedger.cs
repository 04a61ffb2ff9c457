using System.Globalization;
using Gpos.Ledger.Contracts;
using Npgsql;

namespace Gpos.Cards.Sales;

/// <summary>
/// The ledger side of a card sale (design.md §6), always inside the transaction of the state change: approval holds the
/// amount from the merchant's card receivable to the merchant payable, confirmation posts the hold (a pre-authorization's
/// stays open until its completion posts the captured amount), a reversal voids it,
/// and a void of a confirmed sale posts the opposite entry.
/// </summary>
internal sealed class SaleLedger(ILedgerPosting ledger)
{
    private const string Module = "cards";
    private const string Currency = "BRL";

    public async Task HoldAsync(Guid saleId, string merchantId, long amount, DateTimeOffset at, NpgsqlTransaction tx,
        CancellationToken cancellationToken)
    {
        var (receivable, payable) = await AccountsAsync(merchantId, tx, cancellationToken);
        await ledger.PlaceHoldAsync(new HoldRequest(HoldKey(saleId), HoldKind.Authorization, receivable, payable, amount, Currency,
            "Card authorization pending confirmation", at), tx, cancellationToken);
    }

    public Task PostAsync(Guid saleId, DateTimeOffset at, NpgsqlTransaction tx, CancellationToken cancellationToken) =>
        ledger.ResolveHoldAsync(new HoldResolutionRequest(HoldKey(saleId), HoldOutcome.Posted, null, "Card sale confirmed", at),
            tx, cancellationToken);

    /// <summary>A pre-authorization completed: the captured amount is posted, the rest of the hold released.</summary>
    public Task CaptureAsync(Guid saleId, long amount, DateTimeOffset at, NpgsqlTransaction tx, CancellationToken cancellationToken) =>
        ledger.ResolveHoldAsync(new HoldResolutionRequest(HoldKey(saleId), HoldOutcome.Posted, amount,
            "Card pre-authorization completed", at), tx, cancellationToken);

    public Task VoidAsync(Guid saleId, DateTimeOffset at, NpgsqlTransaction tx, CancellationToken cancellationToken) =>
        ledger.ResolveHoldAsync(new HoldResolutionRequest(HoldKey(saleId), HoldOutcome.Voided, null, "Card authorization reversed", at),
            tx, cancellationToken);

    public async Task ReverseConfirmedAsync(Guid saleId, string merchantId, long amount, DateTimeOffset at, NpgsqlTransaction tx,
        CancellationToken cancellationToken)
    {
        var (receivable, payable) = await AccountsAsync(merchantId, tx, cancellationToken);
        await ledger.PostAsync(new JournalEntryRequest(new SourceKey(Module, Id(saleId), "voided"), "Card sale voided", at,
        [
            new PostingLine(payable, BalanceSide.Debit, amount, Currency),
            new PostingLine(receivable, BalanceSide.Credit, amount, Currency),
        ]), tx, cancellationToken);
    }

    private async Task<(string Receivable, string Payable)> AccountsAsync(string merchantId, NpgsqlTransaction tx,
        CancellationToken cancellationToken)
    {
        var owner = merchantId.ToLowerInvariant();
        var receivable = $"merchant:{owner}:card-receivable:brl";
        var payable = $"merchant:{owner}:payable:brl";
        await ledger.EnsureAccountAsync(new AccountDefinition(receivable, AccountType.AcquirerReceivable, merchantId, Currency), tx,
            cancellationToken);
        await ledger.EnsureAccountAsync(new AccountDefinition(payable, AccountType.MerchantPayable, merchantId, Currency), tx,
            cancellationToken);
        return (receivable, payable);
    }

    private static SourceKey HoldKey(Guid saleId) => new(Module, Id(saleId), "authorization");

    private static string Id(Guid saleId) => saleId.ToString("D", CultureInfo.InvariantCulture);
}
