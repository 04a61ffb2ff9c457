using Gpos.WebhookReceiver;
using Gpos.Webhooks.Contracts;

namespace Gpos.Webhooks.Tests;

/// <summary>Receivers that answer slowly, reset, redirect or send garbage: every attempt is recorded and retried; nobody else waits.</summary>
public sealed class MisbehavingReceiverTests(LoopbackHost fx) : IClassFixture<LoopbackHost>
{
    public static TheoryData<string> Misbehaviours => new() { "slow", "reset", "redirect", "garbage" };

    [Theory]
    [MemberData(nameof(Misbehaviours))]
    public async Task Misbehaving_AttemptRecordedAndRetried_ThenDelivered(string misbehaviour)
    {
        await using var receiver = await WebhooksHost.ReceiverAsync();
        await using var elsewhere = await WebhooksHost.ReceiverAsync();
        receiver.Behaviour = misbehaviour switch
        {
            "slow" => new ReceiverBehaviour { Delay = TimeSpan.FromSeconds(6) }, // the test AttemptTimeout is 3 s
            "reset" => new ReceiverBehaviour { Reset = true },
            "redirect" => new ReceiverBehaviour { RedirectTo = new Uri(elsewhere.BaseAddress, "stolen") },
            _ => new ReceiverBehaviour { Garbage = true },
        };
        var merchant = "wh-bad-" + misbehaviour;
        var (_, secret) = await WebhooksHost.CreateEndpointAsync(fx.Host, merchant, receiver.BaseAddress, MerchantEventTypes.CardSaleConfirmed);
        receiver.Secrets = [secret];
        await WebhooksHost.EnqueueAsync(fx.Host, merchant);

        await WebhooksHost.EventuallyAsync(async () => await WebhooksHost.CountAsync(fx.Host, $"""
            SELECT count(*) FROM webhooks.attempts a JOIN webhooks.deliveries d ON d.id = a.delivery_id JOIN webhooks.events e ON e.id = d.event_id
            WHERE e.merchant_id = '{merchant}' AND a.outcome = 'failed'
            """) >= 2, "two failed attempts recorded");
        receiver.Behaviour = ReceiverBehaviour.Ok;
        await WebhooksHost.EventuallyAsync(async () => await WebhooksHost.CountAsync(fx.Host, $"""
            SELECT count(*) FROM webhooks.deliveries d JOIN webhooks.events e ON e.id = d.event_id
            WHERE e.merchant_id = '{merchant}' AND d.status = 'delivered'
            """) == 1, "delivered once the receiver behaves");
        Assert.Empty(elsewhere.Received); // redirects are never followed
        if (misbehaviour == "redirect")
        {
            Assert.True(await WebhooksHost.CountAsync(fx.Host, $"""
                SELECT count(*) FROM webhooks.attempts a JOIN webhooks.deliveries d ON d.id = a.delivery_id JOIN webhooks.events e ON e.id = d.event_id
                WHERE e.merchant_id = '{merchant}' AND a.http_status = 307 AND a.error = 'redirect not followed'
                """) >= 1);
        }
    }

    [Fact]
    public async Task SlowEndpoint_DoesNotStallOtherEndpoints()
    {
        await using var slow = await WebhooksHost.ReceiverAsync();
        await using var fast = await WebhooksHost.ReceiverAsync();
        slow.Behaviour = new ReceiverBehaviour { Delay = TimeSpan.FromSeconds(8) };
        await WebhooksHost.CreateEndpointAsync(fx.Host, "wh-slow", slow.BaseAddress, MerchantEventTypes.CardSaleConfirmed);
        await WebhooksHost.CreateEndpointAsync(fx.Host, "wh-fast", fast.BaseAddress, MerchantEventTypes.CardSaleConfirmed);
        for (var i = 0; i < 30; i++)
        {
            await WebhooksHost.EnqueueAsync(fx.Host, "wh-slow");
        }

        var started = DateTime.UtcNow;
        for (var i = 0; i < 5; i++)
        {
            await WebhooksHost.EnqueueAsync(fx.Host, "wh-fast");
        }

        await WebhooksHost.EventuallyAsync(() => Task.FromResult(fast.Received.Count == 5), "fast endpoint served despite the slow one");
        // Serially, 30 slow attempts of 3 s at 4 per endpoint would hold the fast one back for over 20 s.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "the fast endpoint waited behind the slow one");
        Assert.True(slow.Received.Count <= 30);
    }
}
