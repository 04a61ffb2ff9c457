using Gpos.Testing;
using Gpos.Webhooks.Contracts;

namespace Gpos.Webhooks.Tests;

/// <summary>Two GPOS instances on one database: SKIP LOCKED claims give every event exactly one POST per attempt.</summary>
public sealed class TwoInstanceTests
{
    [Fact]
    public async Task TwoInstances_EachEventDeliveredExactlyOnce()
    {
        var settings = WebhooksHost.WebhookSettings();
        var first = await GposTestHost.StartAsync(settings);
        var second = await GposTestHost.StartAsync(settings, database: first.Database);
        try
        {
            await using var receiver = await WebhooksHost.ReceiverAsync();
            var (_, secret) = await WebhooksHost.CreateEndpointAsync(first, "wh-two", receiver.BaseAddress, MerchantEventTypes.CardSaleConfirmed);
            receiver.Secrets = [secret];
            const int events = 60;
            var enqueue = Enumerable.Range(0, events).Select(i => WebhooksHost.EnqueueAsync(i % 2 == 0 ? first : second, "wh-two"));
            await Task.WhenAll(enqueue);

            await WebhooksHost.EventuallyAsync(async () => await WebhooksHost.CountAsync(first,
                $"SELECT count(*) FROM webhooks.deliveries d JOIN webhooks.events e ON e.id = d.event_id WHERE e.merchant_id = 'wh-two' AND d.status = 'delivered'") == events,
                "every event delivered");
            await Task.Delay(500);

            Assert.Equal(events, receiver.Received.Count);
            Assert.Equal(events, receiver.Received.Select(r => r.Id).Distinct().Count());
            Assert.All(receiver.Received, r => Assert.True(r.SignatureValid));
            Assert.Equal(events, await WebhooksHost.CountAsync(first, $"SELECT count(*) FROM webhooks.attempts"));
        }
        finally
        {
            await second.DisposeAsync(); // drops the shared database (FORCE): the first instance stops right after
            await first.DisposeAsync();
        }
    }
}
