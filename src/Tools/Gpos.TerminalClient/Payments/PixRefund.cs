namespace Gpos.TerminalClient.Payments;

/// <summary>A devolução as GPOS answered it: <c>EM_PROCESSAMENTO</c> until the PSP settles it, then <c>DEVOLVIDO</c> or <c>NAO_REALIZADO</c>.</summary>
/// <param name="Id">The devolução id the terminal chose.</param>
/// <param name="Valor">The amount, in reais ("1.00").</param>
/// <param name="Status">API Pix status.</param>
/// <param name="RtrId">The return's end-to-end id, once known.</param>
public sealed record PixRefund(string Id, string Valor, string Status, string? RtrId);
