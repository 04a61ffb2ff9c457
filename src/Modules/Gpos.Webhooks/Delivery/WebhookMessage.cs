using System.Globalization;
using System.Text.Json.Nodes;

namespace Gpos.Webhooks.Delivery;

/// <summary>
/// What a delivery POSTs. API Pix registrations get BACEN's callback, <c>{"pix":[Pix]}</c> at <c>{webhookUrl}/pix</c>
/// ([SPEC] callbacks.listaPix). GPOS registrations get a Standard Webhooks envelope <c>{type, timestamp, data}</c> whose data
/// carries the resource's current state and its sequence number. The body is rebuilt identically on every attempt.
/// </summary>
internal static class WebhookMessage
{
    public static string MessageId(ClaimedDelivery delivery) => "msg_" + delivery.EventId.ToString("N", CultureInfo.InvariantCulture);

    public static (Uri Url, string Body) Build(ClaimedDelivery delivery)
    {
        if (delivery.Kind == "pix")
        {
            var item = JsonNode.Parse(delivery.PixItem ?? "{}");
            return (new Uri(delivery.Url.TrimEnd('/') + "/pix"), new JsonObject { ["pix"] = new JsonArray(item) }.ToJsonString());
        }

        var body = new JsonObject
        {
            ["type"] = delivery.EventType,
            ["timestamp"] = delivery.OccurredAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["data"] = new JsonObject
            {
                ["merchantId"] = delivery.MerchantId,
                ["resourceType"] = delivery.ResourceType,
                ["resourceId"] = delivery.ResourceId,
                ["sequence"] = delivery.Sequence,
                ["state"] = JsonNode.Parse(delivery.State),
            },
        };
        return (new Uri(delivery.Url), body.ToJsonString());
    }
}
