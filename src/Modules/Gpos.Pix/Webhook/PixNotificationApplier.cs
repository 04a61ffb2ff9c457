using System.Globalization;
using System.Text.Json.Nodes;
using Gpos.Pix.Lifecycle;
using Gpos.Pix.Refunds;
using Gpos.Pix.Shared;
using Npgsql;

namespace Gpos.Pix.Webhook;

/// <summary>
/// Turns one notified <c>Pix</c> (the PSP's current picture of it) into lifecycle events, applied in their natural order:
/// settled, or blocked (the simulator's <c>bloqueioCautelar</c> extension) then released; then each <c>devolucoes[]</c>
/// item (array, or the object of the spec's own example <c>pixWebhook1</c>). Events already recorded are skipped, so
/// duplicates and stale, out-of-order snapshots change nothing; an event the state machine does not allow is refused.
/// </summary>
internal sealed class PixNotificationApplier(PixLifecycleService lifecycle, RefundFinisher refunds, TimeProvider time)
{
    public async Task ApplyAsync(NpgsqlTransaction transaction, ReceivedPixRecord pix, JsonObject item, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var bloqueio = item["bloqueioCautelar"] as JsonObject;
        if (bloqueio is null)
        {
            (_, pix) = await lifecycle.ApplyAsync(transaction, pix,
                new LifecycleEvent(PixTransition.Settle, "settled", 0, pix.Horario, "credited by the PSP"), cancellationToken);
        }
        else
        {
            (_, pix) = await lifecycle.ApplyAsync(transaction, pix, new LifecycleEvent(PixTransition.Block, "blocked", 0,
                Time(bloqueio["inicio"]) ?? pix.Horario, "cautelar block: " + Clip(Text(bloqueio, "motivo"))) { Payload = bloqueio }, cancellationToken);
            if (Text(bloqueio, "status") == "LIBERADO")
            {
                (_, pix) = await lifecycle.ApplyAsync(transaction, pix,
                    new LifecycleEvent(PixTransition.Release, "released", 0, Time(bloqueio["fim"]) ?? now, "cautelar block released")
                    {
                        Payload = bloqueio,
                    }, cancellationToken);
            }
        }

        foreach (var devolucao in Devolucoes(item))
        {
            var id = Text(devolucao, "id");
            if (id is null || !RefundRequestParser.IsDevolucaoId(id))
            {
                continue;
            }

            var ours = await RefundStore.FindAsync(transaction.Connection!, transaction, pix.EndToEndId, id, cancellationToken);
            if (ours is not null)
            {
                pix = await refunds.ApplyAsync(transaction, pix, ours, devolucao, cancellationToken);
            }
            else if (Text(devolucao, "status") == "DEVOLVIDO" && PixMoney.TryParse(Text(devolucao, "valor"), out var valor))
            {
                // A return the merchant did not ask for: MED (MED_OPERACIONAL, MED_FRAUDE, MED_PIX_AUTOMATICO) or one made at the PSP.
                (_, pix) = await lifecycle.ApplyAsync(transaction, pix, new LifecycleEvent(PixTransition.Return, "return:" + id, valor,
                    Time(devolucao["horario"]?["liquidacao"]) ?? now, $"{Clip(Text(devolucao, "natureza"))} return {id}")
                {
                    DevolucaoId = id,
                    Payload = devolucao,
                }, cancellationToken);
            }
        }
    }

    private static List<JsonObject> Devolucoes(JsonObject item) => item["devolucoes"] switch
    {
        JsonArray list => list.OfType<JsonObject>().ToList(),
        JsonObject single => [single],
        _ => [],
    };

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Clip(string? text) => text is null ? "" : text[..Math.Min(text.Length, 140)];

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed) ? parsed : null;
}
