using System.Text.Json.Nodes;
using Gpos.PspSimulator.Api;
using Gpos.PspSimulator.State;

namespace Gpos.PspSimulator.Webhooks;

/// <summary>
/// Posts <c>{"pix":[...]}</c> to <c>{webhookUrl}/pix</c> ([SPEC] callback <c>'{$request.body#/webhookUrl}/pix'</c>) for the
/// key's registered webhook, retrying non-2xx answers and connection failures after each of
/// <see cref="PspSimulatorOptions.WebhookRetryDelays"/>.
/// </summary>
internal sealed class WebhookDispatcher(
    SimulatorStore store,
    WebhookHttp http,
    WorkQueue queue,
    DeliveryLog log,
    PspSimulatorOptions options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger)
{
    /// <summary>Queues one notification (a single Pix) for the key's webhook, if one is registered.</summary>
    public void Notify(Notification? notification)
    {
        if (notification is null)
        {
            return;
        }

        var delivery = Prepare(notification.Reason, notification.Chave, [notification.Pix]);
        if (delivery is not null)
        {
            queue.Enqueue(TimeSpan.Zero, ct => DeliverAsync(delivery, ct));
        }
    }

    /// <summary>Records a delivery of these Pix to the key's webhook; null (and logged as skipped) without a webhook.</summary>
    public Delivery? Prepare(string reason, string chave, IEnumerable<JsonObject> pix)
    {
        var registration = store.GetWebhook(chave);
        var url = registration is null ? null : new Uri(registration.WebhookUrl.TrimEnd('/') + "/pix");
        var delivery = log.Add(reason, chave, url, new JsonArray(pix.Select(p => (JsonNode)p.DeepClone()).ToArray()));
        if (url is null)
        {
            logger.LogInformation("No webhook registered for key {Chave}; {Reason} notification not sent", chave, reason);
            return null;
        }

        return delivery;
    }

    public async Task DeliverAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var body = ApiResults.Serialize(new JsonObject { ["pix"] = delivery.Pix.DeepClone() });
        for (var attempt = 0; ; attempt++)
        {
            var (status, error) = await http.PostAsync(delivery.Url!, body, cancellationToken);
            var delivered = status is >= 200 and < 300;
            var last = attempt >= options.WebhookRetryDelays.Count;
            log.Attempt(delivery, status, error, delivered ? "delivered" : last ? "failed" : null);
            if (delivered)
            {
                logger.LogInformation("Webhook {DeliveryId} ({Reason}) delivered to {Url} with {Status}", delivery.Id, delivery.Reason, delivery.Url, status);
                return;
            }

            logger.LogWarning("Webhook {DeliveryId} attempt {Attempt} to {Url} failed: {Status} {Error}",
                delivery.Id, attempt + 1, delivery.Url, status, error);
            if (last)
            {
                return;
            }

            await Task.Delay(options.WebhookRetryDelays[attempt], clock, cancellationToken);
        }
    }
}
