using System.Text.Json.Nodes;

namespace Gpos.Webhooks.Contracts;

/// <summary>Builds the events producers enqueue, so every module shapes the same event the same way.</summary>
public static class MerchantEvents
{
    // API Pix schema Pix (pix-api.md §1.4): only these fields travel in {"pix":[...]}, whatever the PSP sent us.
    private static readonly string[] PixFields = ["endToEndId", "txid", "valor", "componentesValor", "chave", "horario", "infoPagador", "devolucoes"];

    /// <summary>A charge (cob) became CONCLUIDA because <paramref name="pixItem"/> paid it.</summary>
    public static MerchantEvent PixChargePaid(string merchantId, string txid, string chave, JsonObject pixItem, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(pixItem);
        var item = PixItem(pixItem);
        return new MerchantEvent
        {
            Type = MerchantEventTypes.PixChargePaid,
            MerchantId = merchantId,
            ResourceType = "cob",
            ResourceId = txid,
            State = new JsonObject { ["txid"] = txid, ["status"] = "CONCLUIDA", ["chave"] = chave, ["pix"] = new JsonArray(item.DeepClone()) },
            OccurredAt = occurredAt,
            PixKey = chave,
            PixItem = item,
        };
    }

    /// <summary>
    /// A received Pix changed (<see cref="MerchantEventTypes.PixBlocked"/>, <see cref="MerchantEventTypes.PixReleased"/>,
    /// <see cref="MerchantEventTypes.PixReturned"/>, <see cref="MerchantEventTypes.PixRefundFinished"/>); <paramref name="pixItem"/> is
    /// its current API Pix <c>Pix</c> object (with <c>devolucoes</c>). Returns and finished refunds also reach the key's API Pix webhook.
    /// </summary>
    public static MerchantEvent PixChanged(string type, string merchantId, string? chave, JsonObject pixItem, JsonObject? extra,
        DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(pixItem);
        var item = PixItem(pixItem);
        var state = (JsonObject)item.DeepClone();
        foreach (var (key, value) in extra ?? [])
        {
            state[key] = value?.DeepClone();
        }

        var callback = MerchantEventTypes.PixCallback.Contains(type, StringComparer.Ordinal) && chave is not null;
        return new MerchantEvent
        {
            Type = type,
            MerchantId = merchantId,
            ResourceType = "pix",
            ResourceId = item["endToEndId"]?.GetValue<string>() ?? throw new ArgumentException("The Pix has no endToEndId.", nameof(pixItem)),
            State = state,
            OccurredAt = occurredAt,
            PixKey = callback ? chave : null,
            PixItem = callback ? item : null,
        };
    }

    /// <summary>A card sale was confirmed or reversed (undone, voided, not confirmed in time); <paramref name="state"/> is its current view.</summary>
    public static MerchantEvent CardSale(string type, string merchantId, Guid saleId, JsonObject state, DateTimeOffset occurredAt) => new()
    {
        Type = type,
        MerchantId = merchantId,
        ResourceType = "card-sale",
        ResourceId = saleId.ToString("D", System.Globalization.CultureInfo.InvariantCulture),
        State = state,
        OccurredAt = occurredAt,
    };

    private static JsonObject PixItem(JsonObject source)
    {
        var item = new JsonObject();
        foreach (var field in PixFields)
        {
            if (source[field] is { } value)
            {
                item[field] = value.DeepClone();
            }
        }

        return item;
    }
}
