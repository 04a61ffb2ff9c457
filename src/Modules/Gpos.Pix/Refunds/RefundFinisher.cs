using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gpos.Pix.Lifecycle;
using Gpos.Webhooks.Contracts;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gpos.Pix.Refunds;

/// <summary>
/// Records what the PSP says about one of the merchant's devoluções, from the PUT's answer or from the refund callback
/// (whichever comes first; both are expected, in any order and more than once). EM_PROCESSAMENTO with an rtrId: the PSP
/// accepted it. DEVOLVIDO: a <see cref="PixTransition.Return"/> through <see cref="PixLifecycleService"/>, posting the
/// refund's hold. NAO_REALIZADO: the hold is voided. A final status is recorded once; later ones are ignored.
/// </summary>
internal sealed partial class RefundFinisher(PixLifecycleService lifecycle, PixLedger ledger, IWebhookOutbox outbox, TimeProvider time,
    ILogger<RefundFinisher> logger)
{
    public async Task<ReceivedPixRecord> ApplyAsync(NpgsqlTransaction transaction, ReceivedPixRecord pix, RefundRecord refund, JsonObject devolucao,
        CancellationToken cancellationToken)
    {
        if (refund.FinalStatus is not null)
        {
            return pix; // already final: a redelivery or a stale answer
        }

        var status = Text(devolucao, "status");
        var rtrId = Text(devolucao, "rtrId") is { } r && RtrId().IsMatch(r) ? r : null;
        var motivo = Text(devolucao, "motivo") is { } m ? m[..Math.Min(m.Length, 140)] : null;
        var now = time.GetUtcNow();
        switch (status)
        {
            case "EM_PROCESSAMENTO" when rtrId is not null && refund.RtrId is null:
                await RefundStore.InsertEventAsync(transaction, pix.EndToEndId, refund.Id, status, rtrId, motivo,
                    Time(devolucao["horario"]?["solicitacao"]) ?? now, now, cancellationToken);
                return pix;
            case "DEVOLVIDO":
                var liquidacao = Time(devolucao["horario"]?["liquidacao"]) ?? now;
                await RefundStore.InsertEventAsync(transaction, pix.EndToEndId, refund.Id, status, rtrId ?? refund.RtrId, motivo, liquidacao, now,
                    cancellationToken);
                var (_, after) = await lifecycle.ApplyAsync(transaction, pix, new LifecycleEvent(PixTransition.Return, "return:" + refund.Id,
                    refund.Valor, liquidacao, $"Devolução {refund.Id} ({refund.Natureza}) DEVOLVIDO")
                {
                    DevolucaoId = refund.Id,
                    RefundHold = PixLedger.RefundHold(pix.EndToEndId, refund.Id),
                }, cancellationToken);
                return after;
            case "NAO_REALIZADO":
                await RejectAsync(transaction, pix, refund.Id, rtrId ?? refund.RtrId, motivo ?? "Devolução não realizada pelo PSP.", cancellationToken);
                return pix with { PendingRefunds = Math.Max(0, pix.PendingRefunds - refund.Valor) };
            default:
                return pix;
        }
    }

    /// <summary>The devolução ends NAO_REALIZADO (PSP refusal or failure): its hold is voided, the amount is free again.</summary>
    public async Task RejectAsync(NpgsqlTransaction transaction, ReceivedPixRecord pix, string id, string? rtrId, string motivo,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await RefundStore.InsertEventAsync(transaction, pix.EndToEndId, id, "NAO_REALIZADO", rtrId, motivo[..Math.Min(motivo.Length, 140)], now, now,
            cancellationToken);
        await ledger.VoidRefundAsync(transaction, pix.EndToEndId, id, now, cancellationToken);
        var item = (JsonObject)pix.Payload.DeepClone();
        var devolucao = new JsonObject { ["id"] = id, ["status"] = "NAO_REALIZADO", ["motivo"] = motivo[..Math.Min(motivo.Length, 140)] };
        if (rtrId is not null)
        {
            devolucao["rtrId"] = rtrId;
        }

        await outbox.EnqueueAsync(transaction, MerchantEvents.PixChanged(MerchantEventTypes.PixRefundFinished, pix.MerchantId,
            item["chave"]?.GetValue<string>(), item, new JsonObject { ["devolucao"] = devolucao }, now), cancellationToken);
        LogNotMade(logger, id, pix.EndToEndId, pix.MerchantId, motivo);
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed) ? parsed : null;

    [GeneratedRegex("^[a-zA-Z0-9]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex RtrId();

    [LoggerMessage(LogLevel.Warning, "Devolução {Id} of Pix {EndToEndId} (merchant {MerchantId}) NAO_REALIZADO: {Motivo}")]
    private static partial void LogNotMade(ILogger logger, string id, string endToEndId, string merchantId, string motivo);
}
