namespace Gpos.Ledger.Contracts;

/// <summary>Why an amount is held pending.</summary>
public enum HoldKind
{
    /// <summary>A card authorization awaiting confirmation (capture) or reversal.</summary>
    Authorization,

    /// <summary>A Pix cautelar block (BACEN MED) awaiting confirmation of fraud or release.</summary>
    CautelarBlock,
}
