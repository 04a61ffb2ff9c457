using Gpos.Testing;
using Gpos.WebhookReceiver;
using Gpos.Webhooks.Contracts;

namespace Gpos.Webhooks.Tests;

/// <summary>The per-endpoint Polly circuit breaker: a failing endpoint is left alone for the break, without spending attempts.</summary>
public sealed class CircuitBreakerTests : IAsyncLifetime
{
    private GposTestHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = WebhooksHost.WebhookSettings();
        settings["Gpos:Webhooks:BreakerMinimumThroughput"] = "2";
        settings["Gpos:Webhooks:BreakerFailureRatio"] = "0.5";
        settings["Gpos:Webhooks:BreakerSamplingDuration"] = "00:00:10";
        settings["Gpos:Webhooks:BreakerBreakDuration"] = "00:00:03";
        _host = await GposTestHost.StartAsync(settings);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task FailingEndpoint_CircuitOpens_FewRequestsThenAllDeliveredAfterBreak()
    {
        await using var receiver = await WebhooksHost.ReceiverAsync();
        receiver.Behaviour = new ReceiverBehaviour { Status = 500 };
        await WebhooksHost.CreateEndpointAsync(_host, "wh-breaker", receiver.BaseAddress, MerchantEventTypes.CardSaleConfirmed);
        for (var i = 0; i < 5; i++)
        {
            await WebhooksHost.EnqueueAsync(_host, "wh-breaker");
        }

        await Task.Delay(2500);
        // Without the breaker the 0.2/0.4/0.8/1 s schedule would have produced about 20 requests by now.
        Assert.InRange(receiver.Received.Count, 2, 6);
        Assert.Equal(0, await WebhooksHost.CountAsync(_host, $"SELECT count(*) FROM webhooks.deliveries WHERE status = 'dead'"));

        receiver.Behaviour = ReceiverBehaviour.Ok;
        await WebhooksHost.EventuallyAsync(async () => await WebhooksHost.CountAsync(_host,
            $"SELECT count(*) FROM webhooks.deliveries WHERE status = 'delivered'") == 5, "all delivered once the circuit closes");
    }
}
