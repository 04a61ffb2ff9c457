using System.Text.Json.Nodes;
using Gpos.Testing;
using Gpos.WebhookReceiver;

namespace Gpos.Webhooks.Tests;

/// <summary>The Pix module's lifecycle changes reach the merchant's endpoint through the outbox, signed, with the Pix's state.</summary>
public sealed class PixLifecycleWebhookTests(WebhooksHost fx) : IClassFixture<WebhooksHost>
{
    [Fact]
    public async Task CautelarBlockThenReleaseThenMedReturn_EachNotifiedWithThePixState()
    {
        var port = GposTestHost.FreePort();
        var (_, secret) = await WebhooksHost.CreateEndpointAsync(fx.Host, WebhooksHost.MerchantA, new Uri($"http://127.0.0.1:{port}/lifecycle"),
            "pix.blocked", "pix.released", "pix.returned");
        await using var receiver = await WebhookReceiverServer.StartAsync(port, [secret]);

        var (_, pix) = await fx.PaidChargeAsync(new JsonObject { ["bloqueioCautelar"] = true });
        var e2eid = pix["endToEndId"]!.GetValue<string>();
        var blocked = await NextEventAsync(receiver, e2eid, "pix.blocked");
        await fx.PspControlAsync($"control/pix/{e2eid}/release");
        var released = await NextEventAsync(receiver, e2eid, "pix.released");
        await fx.PspControlAsync($"control/pix/{e2eid}/med", new JsonObject { ["natureza"] = "MED_FRAUDE", ["id"] = "medlife1", ["valor"] = "2.00" });
        var returned = await NextEventAsync(receiver, e2eid, "pix.returned");

        Assert.Equal("BLOCKED", State(blocked)["gposState"]!.GetValue<string>());
        Assert.Equal("PAID", State(released)["gposState"]!.GetValue<string>());
        var devolucao = Assert.Single(State(returned)["devolucoes"]!.AsArray(), d => d!["id"]!.GetValue<string>() == "medlife1")!;
        Assert.Equal("MED_FRAUDE", devolucao["natureza"]!.GetValue<string>());
        Assert.All(receiver.Received.Where(r => r.Body.Contains(e2eid, StringComparison.Ordinal)), r => Assert.True(r.SignatureValid));
    }

    private static async Task<JsonObject> NextEventAsync(WebhookReceiverServer receiver, string e2eid, string type)
    {
        JsonObject? found = null;
        await WebhooksHost.EventuallyAsync(() =>
        {
            found = receiver.Received.Select(r => JsonNode.Parse(r.Body) as JsonObject)
                .FirstOrDefault(b => b?["type"]?.GetValue<string>() == type && b.ToJsonString().Contains(e2eid, StringComparison.Ordinal));
            return Task.FromResult(found is not null);
        }, type + " for " + e2eid);
        return found!;
    }

    private static JsonObject State(JsonObject envelope) => envelope["data"]?["state"] as JsonObject ?? envelope["state"] as JsonObject
        ?? throw new InvalidOperationException("No state in " + envelope.ToJsonString());
}
