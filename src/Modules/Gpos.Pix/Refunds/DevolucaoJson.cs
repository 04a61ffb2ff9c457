using System.Text.Json.Nodes;
using Gpos.Pix.Shared;

namespace Gpos.Pix.Refunds;

/// <summary>[SPEC] <c>Devolucao</c>: <c>id, rtrId, valor, natureza, descricao, horario{solicitacao, liquidacao}, status, motivo</c>.</summary>
internal static class DevolucaoJson
{
    private static readonly string[] PspFields = ["id", "rtrId", "valor", "natureza", "descricao", "horario", "status", "motivo"];

    public static JsonObject From(RefundRecord refund)
    {
        var horario = new JsonObject { ["solicitacao"] = PixMoney.FormatTime(refund.RequestedAt) };
        if (refund.FinalStatus == "DEVOLVIDO" && refund.FinalAt is { } liquidacao)
        {
            horario["liquidacao"] = PixMoney.FormatTime(liquidacao);
        }

        var json = new JsonObject
        {
            ["id"] = refund.Id,
            ["rtrId"] = refund.RtrId,
            ["valor"] = PixMoney.Format(refund.Valor),
            ["natureza"] = refund.Natureza,
        };
        if (refund.Descricao is not null)
        {
            json["descricao"] = refund.Descricao;
        }

        json["horario"] = horario;
        json["status"] = refund.Status;
        if (refund.Motivo is not null)
        {
            json["motivo"] = refund.Motivo;
        }

        return json;
    }

    /// <summary>A return reported by the PSP (MED), keeping only the schema's fields.</summary>
    public static JsonObject FromPsp(JsonObject payload)
    {
        var json = new JsonObject();
        foreach (var name in PspFields)
        {
            if (payload[name] is { } value)
            {
                json[name] = value.DeepClone();
            }
        }

        return json;
    }
}
