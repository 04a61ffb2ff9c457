namespace Gpos.Ledger.Contracts;

/// <summary>
/// An account's balance derived from the journal. <see cref="Balance"/> is posted, on the account's normal side;
/// <see cref="Available"/> also subtracts pending holds that take money out of it (pending debits of a credit-normal
/// account, pending credits of a debit-normal one).
/// </summary>
public sealed record AccountBalance(string Code, AccountType Type, string? Owner, string Currency, BalanceSide NormalSide,
    long DebitsPosted, long CreditsPosted, long DebitsPending, long CreditsPending)
{
    public long Balance => NormalSide == BalanceSide.Debit ? DebitsPosted - CreditsPosted : CreditsPosted - DebitsPosted;

    public long Available => Balance - (NormalSide == BalanceSide.Debit ? CreditsPending : DebitsPending);
}
