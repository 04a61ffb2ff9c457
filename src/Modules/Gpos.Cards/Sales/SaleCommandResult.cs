namespace Gpos.Cards.Sales;

/// <summary>Outcome of confirm, undo or void: done, no such sale for this terminal, or not allowed in the sale's state.</summary>
internal enum SaleCommandResult
{
    Done,
    NotFound,
    Conflict,
}
