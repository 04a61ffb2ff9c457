namespace Gpos.Ledger.Contracts;

/// <summary>Recomputes the seal chain, every entry's balance and the balance projection (ops endpoint and CLI).</summary>
public interface ILedgerVerifier
{
    Task<LedgerVerification> VerifyAsync(CancellationToken cancellationToken);
}
