namespace Gpos.Pix.Charges;

/// <summary>An additional-information pair of a charge ([SPEC] <c>CobBase.infoAdicionais</c>).</summary>
internal sealed record InfoAdicional(string Nome, string Valor);

/// <summary>
/// The normalized terms of one charge revision ([SPEC] <c>CobSolicitada</c>). Two requests with equal terms are "the
/// same body" for TXID idempotency, whatever their property order or whitespace.
/// </summary>
internal sealed record CobTerms(
    int Expiracao,
    string? DevedorCpf,
    string? DevedorCnpj,
    string? DevedorNome,
    long ValorCentavos,
    int ModalidadeAlteracao,
    string Chave,
    string? SolicitacaoPagador,
    IReadOnlyList<InfoAdicional> InfoAdicionais)
{
    public const int DefaultExpiracao = 86400;

    /// <summary>A stable text form of the terms, compared to decide "same body" (records compare lists by reference).</summary>
    public string Canonical() => System.Text.Json.JsonSerializer.Serialize(this);
}
