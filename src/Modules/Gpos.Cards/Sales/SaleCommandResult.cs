namespace Gpos.Cards.Sales;

/// <summary>Outcome of confirm, undo, void or completion: done, no such sale for this terminal, or not allowed in the sale's state.</summary>
internal enum SaleCommandResult
{
    Done,
    NotFound,
    Conflict,

    /// <summary>A completion above the pre-authorized amount.</summary>
    ExceedsAuthorization,
}
