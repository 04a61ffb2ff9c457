using System.Text.Json.Nodes;
using Gpos.BrCode;
using Gpos.Pix.Shared;

namespace Gpos.Pix.Charges;

/// <summary>The API Pix JSON shapes of a charge: the body sent to the PSP and <c>CobGerada</c>/<c>CobCompleta</c> answers.</summary>
internal static class CobJson
{
    /// <summary>[SPEC] <c>CobSolicitada</c> for the PSP, from normalized terms.</summary>
    public static JsonObject Solicitada(CobTerms terms)
    {
        var body = new JsonObject
        {
            ["calendario"] = new JsonObject { ["expiracao"] = terms.Expiracao },
        };
        AddDevedor(body, terms);
        body["valor"] = Valor(terms);
        body["chave"] = terms.Chave;
        AddOptional(body, terms);
        return body;
    }

    /// <summary>[SPEC] <c>CobGerada</c> (and <c>CobCompleta</c> without <c>pix</c>).</summary>
    public static JsonObject Gerada(ChargeRecord charge)
    {
        var body = new JsonObject
        {
            ["calendario"] = new JsonObject
            {
                ["criacao"] = PixMoney.FormatTime(charge.Criacao),
                ["expiracao"] = charge.Terms.Expiracao,
            },
            ["txid"] = charge.Txid,
            ["revisao"] = charge.Revisao,
        };
        if (charge.Location is not null)
        {
            var loc = new JsonObject { ["id"] = charge.LocId, ["location"] = charge.Location, ["tipoCob"] = "cob" };
            if (charge.LocCriacao is { } criacao)
            {
                loc["criacao"] = PixMoney.FormatTime(criacao);
            }

            body["loc"] = loc;
            body["location"] = charge.Location;
        }

        body["status"] = charge.Status;
        AddDevedor(body, charge.Terms);
        body["valor"] = Valor(charge.Terms);
        body["chave"] = charge.Terms.Chave;
        AddOptional(body, charge.Terms);
        if (PixCopiaECola(charge) is { } text)
        {
            body["pixCopiaECola"] = text;
        }

        return body;
    }

    /// <summary>The dynamic BR Code of the charge: the PSP's location plus the merchant's registered name and city.</summary>
    public static string? PixCopiaECola(ChargeRecord charge)
    {
        if (charge.Location is null)
        {
            return null;
        }

        var created = BrCode.BrCode.CreateDynamic(new DynamicBrCodeRequest
        {
            Url = charge.Location,
            MerchantName = charge.MerchantName,
            MerchantCity = charge.MerchantCity,
        });
        return created.Code?.Encode();
    }

    private static JsonObject Valor(CobTerms terms)
    {
        var valor = new JsonObject { ["original"] = PixMoney.Format(terms.ValorCentavos) };
        if (terms.ModalidadeAlteracao != 0)
        {
            valor["modalidadeAlteracao"] = terms.ModalidadeAlteracao;
        }

        return valor;
    }

    private static void AddDevedor(JsonObject body, CobTerms terms)
    {
        if (terms.DevedorNome is null)
        {
            return;
        }

        var devedor = new JsonObject();
        if (terms.DevedorCpf is not null)
        {
            devedor["cpf"] = terms.DevedorCpf;
        }

        if (terms.DevedorCnpj is not null)
        {
            devedor["cnpj"] = terms.DevedorCnpj;
        }

        devedor["nome"] = terms.DevedorNome;
        body["devedor"] = devedor;
    }

    private static void AddOptional(JsonObject body, CobTerms terms)
    {
        if (terms.SolicitacaoPagador is not null)
        {
            body["solicitacaoPagador"] = terms.SolicitacaoPagador;
        }

        if (terms.InfoAdicionais.Count > 0)
        {
            body["infoAdicionais"] = new JsonArray(terms.InfoAdicionais
                .Select(i => (JsonNode)new JsonObject { ["nome"] = i.Nome, ["valor"] = i.Valor }).ToArray());
        }
    }
}
