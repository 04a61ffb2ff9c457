using System.Text.Json.Nodes;
using Gpos.PspSimulator.Pix;

namespace Gpos.PspSimulator.State;

/// <summary>
/// Renders the spec's response objects ([SPEC] <c>CobGerada</c>/<c>CobCompleta</c>, <c>Pix</c>, <c>Devolucao</c>) with
/// its Portuguese field names. Called under the store's lock, so a body is a consistent snapshot.
/// </summary>
internal static class PixJson
{
    public static JsonObject Cob(Charge charge, CobRevision revision, bool complete)
    {
        var terms = revision.Terms;
        var body = new JsonObject
        {
            ["calendario"] = new JsonObject
            {
                ["criacao"] = PixTime.Format(charge.Criacao),
                ["expiracao"] = terms.Expiracao,
            },
            ["txid"] = charge.Txid,
            ["revisao"] = revision.Revisao,
            ["loc"] = new JsonObject
            {
                ["id"] = charge.LocId,
                ["location"] = charge.Location,
                ["tipoCob"] = "cob",
                ["criacao"] = PixTime.Format(charge.Criacao),
            },
            ["location"] = charge.Location,
            ["status"] = ReferenceEquals(revision, charge.Current) ? charge.Status : revision.Status,
        };
        if (terms.Devedor is { } devedor)
        {
            var d = new JsonObject();
            if (devedor.Cpf is not null)
            {
                d["cpf"] = devedor.Cpf;
            }

            if (devedor.Cnpj is not null)
            {
                d["cnpj"] = devedor.Cnpj;
            }

            if (devedor.Nome is not null)
            {
                d["nome"] = devedor.Nome;
            }

            body["devedor"] = d;
        }

        body["valor"] = new JsonObject
        {
            ["original"] = Money.Format(terms.Original),
            ["modalidadeAlteracao"] = terms.ModalidadeAlteracao,
        };
        body["chave"] = terms.Chave;
        if (terms.SolicitacaoPagador is not null)
        {
            body["solicitacaoPagador"] = terms.SolicitacaoPagador;
        }

        if (terms.InfoAdicionais.Count > 0)
        {
            body["infoAdicionais"] = new JsonArray(terms.InfoAdicionais
                .Select(i => (JsonNode)new JsonObject { ["nome"] = i.Nome, ["valor"] = i.Valor }).ToArray());
        }

        if (revision.PixCopiaECola is not null)
        {
            body["pixCopiaECola"] = revision.PixCopiaECola;
        }

        if (complete && charge.Pix.Count > 0)
        {
            body["pix"] = new JsonArray(charge.Pix.Select(p => (JsonNode)Pix(p)).ToArray());
        }

        return body;
    }

    public static JsonObject Pix(ReceivedPix pix)
    {
        var body = new JsonObject
        {
            ["endToEndId"] = pix.EndToEndId,
            ["txid"] = pix.Txid,
            ["valor"] = Money.Format(pix.Valor),
            ["componentesValor"] = new JsonObject { ["original"] = new JsonObject { ["valor"] = Money.Format(pix.Valor) } },
            ["chave"] = pix.Chave,
            ["horario"] = PixTime.Format(pix.Horario),
        };
        if (pix.InfoPagador is not null)
        {
            body["infoPagador"] = pix.InfoPagador;
        }

        if (pix.Devolucoes.Count > 0)
        {
            body["devolucoes"] = new JsonArray(pix.Devolucoes.Select(d => (JsonNode)Devolucao(d)).ToArray());
        }

        if (pix.Bloqueio is { } block)
        {
            // Simulator extension (additive fields are compatible per the spec's "Evolução da API Pix").
            var b = new JsonObject
            {
                ["status"] = block.Status,
                ["inicio"] = PixTime.Format(block.Inicio),
                ["prazo"] = PixTime.Format(block.Inicio.AddHours(72)),
            };
            if (block.Fim is { } fim)
            {
                b["fim"] = PixTime.Format(fim);
            }

            if (block.Motivo is not null)
            {
                b["motivo"] = block.Motivo;
            }

            body["bloqueioCautelar"] = b;
        }

        return body;
    }

    public static JsonObject Devolucao(Refund refund)
    {
        var horario = new JsonObject { ["solicitacao"] = PixTime.Format(refund.Solicitacao) };
        if (refund.Liquidacao is { } liquidacao)
        {
            horario["liquidacao"] = PixTime.Format(liquidacao);
        }

        var body = new JsonObject
        {
            ["id"] = refund.Id,
            ["rtrId"] = refund.RtrId,
            ["valor"] = Money.Format(refund.Valor),
            ["natureza"] = refund.Natureza,
        };
        if (refund.Descricao is not null)
        {
            body["descricao"] = refund.Descricao;
        }

        body["horario"] = horario;
        body["status"] = refund.Status;
        if (refund.Motivo is not null)
        {
            body["motivo"] = refund.Motivo;
        }

        return body;
    }
}
