namespace Gpos.PspSimulator.State;

/// <summary>[SPEC] <c>CobrancaStatus</c> (the enum spells REMOVIDA_*, not the prose's REMOVIDO_*).</summary>
internal static class CobStatus
{
    public const string Ativa = "ATIVA";
    public const string Concluida = "CONCLUIDA";
    public const string RemovidaPeloUsuarioRecebedor = "REMOVIDA_PELO_USUARIO_RECEBEDOR";
    public const string RemovidaPeloPsp = "REMOVIDA_PELO_PSP";
}

/// <summary>[SPEC] <c>Devolucao.status</c>.</summary>
internal static class RefundStatus
{
    public const string EmProcessamento = "EM_PROCESSAMENTO";
    public const string Devolvido = "DEVOLVIDO";
    public const string NaoRealizado = "NAO_REALIZADO";
}

/// <summary>[SPEC] <c>DevolucaoNatureza</c>: the first two are requested by the receiver, the MED ones arrive from the MED.</summary>
internal static class Natureza
{
    public const string Original = "ORIGINAL";
    public const string Retirada = "RETIRADA";
    public const string MedOperacional = "MED_OPERACIONAL";
    public const string MedFraude = "MED_FRAUDE";
    public const string MedPixAutomatico = "MED_PIX_AUTOMATICO";

    public static bool IsMed(string natureza) =>
        natureza is MedOperacional or MedFraude or MedPixAutomatico;
}

/// <summary>
/// Simulator extension (not in the spec): the state of a cautelar block on a received Pix
/// (Res. BCB 1/2020 art. 39-C, up to 72 h).
/// </summary>
internal static class BlockStatus
{
    public const string Bloqueado = "BLOQUEADO";
    public const string Liberado = "LIBERADO";
    public const string Devolvido = "DEVOLVIDO";
}

internal sealed record Devedor(string? Cpf, string? Cnpj, string? Nome);

internal sealed record InfoAdicional(string Nome, string Valor);

/// <summary>What the receiver controls in a charge (CobSolicitada, or CobRevisada merged over the current terms).</summary>
internal sealed record CobTerms
{
    public required int Expiracao { get; init; }

    public Devedor? Devedor { get; init; }

    public required long Original { get; init; }

    public int ModalidadeAlteracao { get; init; }

    public required string Chave { get; init; }

    public string? SolicitacaoPagador { get; init; }

    public IReadOnlyList<InfoAdicional> InfoAdicionais { get; init; } = [];

    public bool SameAs(CobTerms other) =>
        Expiracao == other.Expiracao
        && Devedor == other.Devedor
        && Original == other.Original
        && ModalidadeAlteracao == other.ModalidadeAlteracao
        && string.Equals(Chave, other.Chave, StringComparison.Ordinal)
        && string.Equals(SolicitacaoPagador, other.SolicitacaoPagador, StringComparison.Ordinal)
        && InfoAdicionais.SequenceEqual(other.InfoAdicionais);
}

internal sealed record CobRevision(int Revisao, CobTerms Terms, string Status, string? PixCopiaECola);

internal sealed class Charge
{
    public required string Txid { get; init; }

    public required DateTimeOffset Criacao { get; init; }

    public required long LocId { get; init; }

    public required string Location { get; init; }

    public List<CobRevision> Revisions { get; } = [];

    public CobRevision Current => Revisions[^1];

    public string Status { get; set; } = CobStatus.Ativa;

    public List<ReceivedPix> Pix { get; } = [];
}

internal sealed class ReceivedPix
{
    public required string EndToEndId { get; init; }

    public required string Txid { get; init; }

    public required long Valor { get; init; }

    public required string Chave { get; init; }

    public required DateTimeOffset Horario { get; init; }

    public string? InfoPagador { get; init; }

    public List<Refund> Devolucoes { get; } = [];

    public CautelarBlock? Bloqueio { get; set; }

    /// <summary>Refunded or being refunded (everything but NAO_REALIZADO): what caps the next refund.</summary>
    public long Committed => Devolucoes.Where(d => d.Status != RefundStatus.NaoRealizado).Sum(d => d.Valor);
}

internal sealed class Refund
{
    public required string Id { get; init; }

    public required string RtrId { get; init; }

    public required long Valor { get; init; }

    public required string Natureza { get; init; }

    public string? Descricao { get; init; }

    public required DateTimeOffset Solicitacao { get; init; }

    public DateTimeOffset? Liquidacao { get; set; }

    public string Status { get; set; } = RefundStatus.EmProcessamento;

    public string? Motivo { get; set; }
}

internal sealed class CautelarBlock
{
    public required DateTimeOffset Inicio { get; init; }

    public string Status { get; set; } = BlockStatus.Bloqueado;

    public string? Motivo { get; init; }

    public DateTimeOffset? Fim { get; set; }
}

internal sealed record WebhookRegistration(string Chave, string WebhookUrl, DateTimeOffset Criacao);

/// <summary>How the simulated PSP answers refunds (control API <c>PUT /control/refunds/behaviour</c>).</summary>
internal sealed record RefundBehaviour(string Mode, int DelayMs, string? Motivo)
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Delay = "delay";
    public const string Hold = "hold";

    public static RefundBehaviour Default => new(Success, 0, null);

    public static bool IsMode(string? mode) => mode is Success or Failure or Delay or Hold;
}
