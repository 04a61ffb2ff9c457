namespace Gpos.Pix.Refunds;

/// <summary>
/// A devolução the merchant asked for, with its derived state: <see cref="FinalStatus"/> is DEVOLVIDO or NAO_REALIZADO
/// once the PSP settled it (null while EM_PROCESSAMENTO); <see cref="RtrId"/> is known once the PSP accepted it.
/// </summary>
internal sealed record RefundRecord(string EndToEndId, string Id, string MerchantId, long Valor, string Natureza, string? Descricao,
    string RequestHash, DateTimeOffset RequestedAt, string? FinalStatus, string? Motivo, DateTimeOffset? FinalAt, string? RtrId)
{
    public string Status => FinalStatus ?? "EM_PROCESSAMENTO";

    /// <summary>The PSP never answered this request: the client may repeat the same PUT to finish it.</summary>
    public bool AwaitingPsp => FinalStatus is null && RtrId is null;
}
