using System.Text.Json.Nodes;
using Gpos.PspSimulator.Api;
using Gpos.PspSimulator.State;
using Gpos.PspSimulator.Webhooks;

namespace Gpos.PspSimulator.Control;

/// <summary>
/// <c>POST /control/webhooks/replay</c>: sends Pix notifications again (duplicates), in batches, reversed or shuffled
/// (out of order). The POSTs go out one after another, in the order chosen.
/// </summary>
internal static class ReplayEndpoint
{
    public static async Task<IResult> ReplayAsync(HttpRequest request, SimulatorStore store, DeliveryLog log, WebhookDispatcher webhooks,
        WorkQueue queue, CancellationToken cancellationToken)
    {
        var body = await ControlJson.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return ControlJson.BadBody("The body must be a JSON object.");
        }

        var source = body.String("source") ?? "current";
        var e2eids = body.Strings("endToEndIds");
        var copies = body.Int("copies") ?? 2;
        var batch = body.Bool("batch") ?? false;
        var order = body.String("order") ?? "original";
        var duplicateWithinBatch = body.Bool("duplicateWithinBatch") ?? false;
        var wait = body.Bool("wait") ?? false;
        if (source is not ("current" or "sent") || order is not ("original" or "reversed" or "shuffled") || copies is < 1 or > 20)
        {
            body.Errors.Add("source is current|sent, order is original|reversed|shuffled, copies is 1..20");
        }

        if (body.Errors.Count > 0)
        {
            return ControlJson.BadBody(string.Join("; ", body.Errors));
        }

        IEnumerable<(string Chave, JsonObject Pix)> items = source == "sent"
            ? log.SentPix().Where(p => e2eids is null || e2eids.Contains(p.Pix["endToEndId"]!.GetValue<string>()))
            : store.CurrentPix(e2eids).Select(n => (n.Chave, n.Pix));
        var list = items.ToList();
        list = order switch
        {
            "reversed" => Enumerable.Reverse(list).ToList(),
            "shuffled" => [.. list.OrderBy(_ => Random.Shared.Next())],
            _ => list,
        };

        // One body per Pix, or (batch) one body per key with every Pix of that key.
        var bodies = batch
            ? list.GroupBy(i => i.Chave).Select(g => (Chave: g.Key, Pix: g.SelectMany(i => duplicateWithinBatch ? [i.Pix, i.Pix] : new[] { i.Pix }).ToList()))
            : list.Select(i => (i.Chave, Pix: duplicateWithinBatch ? [i.Pix, i.Pix] : new List<JsonObject> { i.Pix }));
        var deliveries = new List<Delivery>();
        foreach (var round in Enumerable.Range(0, copies))
        {
            foreach (var (chave, pix) in bodies)
            {
                if (webhooks.Prepare("replay", chave, pix) is { } delivery)
                {
                    deliveries.Add(delivery);
                }
            }
        }

        async Task SendAllAsync(CancellationToken ct)
        {
            foreach (var delivery in deliveries)
            {
                await webhooks.DeliverAsync(delivery, ct);
            }
        }

        if (wait)
        {
            await SendAllAsync(cancellationToken);
        }
        else
        {
            queue.Enqueue(TimeSpan.Zero, SendAllAsync);
        }

        return ApiResults.Json(new JsonObject
        {
            ["deliveries"] = deliveries.Count,
            ["pix"] = list.Count,
            ["ids"] = new JsonArray(deliveries.Select(d => (JsonNode)d.Id).ToArray()),
        }, wait ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }
}
