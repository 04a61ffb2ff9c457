using System.Text.Json.Nodes;
using Gpos.PspSimulator.Api;

namespace Gpos.PspSimulator.State;

/// <summary>A result or a problem (expected failures are values).</summary>
internal readonly record struct Outcome(JsonObject? Body, PixProblem? Problem, bool Created = false)
{
    public static Outcome Ok(JsonObject body, bool created = false) => new(body, null, created);

    public static implicit operator Outcome(PixProblem problem) => new(null, problem);
}

/// <summary>A Pix (as the spec's object) to post to the webhook registered for <see cref="Chave"/>.</summary>
internal sealed record Notification(string Chave, JsonObject Pix, string Reason);

/// <summary>CobRevisada parsed: null means "not in the request".</summary>
internal sealed record CobPatch
{
    public int? Expiracao { get; init; }

    public bool HasDevedor { get; init; }

    public Devedor? Devedor { get; init; }

    public long? Original { get; init; }

    public int? ModalidadeAlteracao { get; init; }

    public string? Chave { get; init; }

    public string? SolicitacaoPagador { get; init; }

    public IReadOnlyList<InfoAdicional>? InfoAdicionais { get; init; }

    public bool Remove { get; init; }

    public CobTerms ApplyTo(CobTerms terms) => terms with
    {
        Expiracao = Expiracao ?? terms.Expiracao,
        Devedor = HasDevedor ? Devedor : terms.Devedor,
        Original = Original ?? terms.Original,
        ModalidadeAlteracao = ModalidadeAlteracao ?? terms.ModalidadeAlteracao,
        Chave = Chave ?? terms.Chave,
        SolicitacaoPagador = SolicitacaoPagador ?? terms.SolicitacaoPagador,
        InfoAdicionais = InfoAdicionais ?? terms.InfoAdicionais,
    };
}

internal sealed record PayCommand(long? Valor, string? EndToEndId, string? InfoPagador, bool Block, DateTimeOffset? Horario, string? PayerIspb);

internal sealed record RefundCommand(long Valor, string Natureza, string? Descricao);

internal sealed record MedCommand(string Natureza, long? Valor, string? Id, string? Descricao);
