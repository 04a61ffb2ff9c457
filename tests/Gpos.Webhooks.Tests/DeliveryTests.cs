using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using Gpos.Testing;
using Gpos.WebhookReceiver;
using Gpos.Webhooks.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gpos.Webhooks.Tests;

/// <summary>Outbox to receiver over real HTTP: signed, retried on schedule, disabled on 410, dead-lettered, replayed, rotated.</summary>
public sealed class DeliveryTests(WebhooksHost fx) : IClassFixture<WebhooksHost>
{
    [Fact]
    public async Task PixChargePaid_ReceiverDownThenBack_DeliveredOnceWithValidSignature()
    {
        var port = GposTestHost.FreePort();
        using var merchant = fx.Merchant(WebhooksHost.MerchantA);
        var (put, registration) = await WebhooksHost.SendAsync(merchant, HttpMethod.Put, $"/v2/webhook/{WebhooksHost.ChaveA}",
            WebhooksHost.Json(new JsonObject { ["webhookUrl"] = $"http://127.0.0.1:{port}/hooks" }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var secret = registration["secret"]!.GetValue<string>();

        var (txid, pix) = await fx.PaidChargeAsync();
        await WebhooksHost.EventuallyAsync(async () => await WebhooksHost.CountAsync(fx.Host, $"""
            SELECT count(*) FROM webhooks.attempts a JOIN webhooks.deliveries d ON d.id = a.delivery_id
            JOIN webhooks.events e ON e.id = d.event_id WHERE e.resource_id = '{txid}' AND a.outcome = 'failed'
            """) >= 1, "a failed attempt while the receiver is down");

        await using var receiver = await WebhookReceiverServer.StartAsync(port, [secret]);
        await WebhooksHost.EventuallyAsync(() => Task.FromResult(receiver.Received.Count >= 1), "delivery once the receiver is back");
        await Task.Delay(1500); // long enough for a duplicate to show up if there were one

        var received = Assert.Single(receiver.Received);
        Assert.Equal("/hooks/pix", received.Path);
        Assert.True(received.SignatureValid);
        var item = JsonNode.Parse(received.Body)!["pix"]!.AsArray().Single()!;
        Assert.Equal(txid, item["txid"]!.GetValue<string>());
        Assert.Equal(pix["endToEndId"]!.GetValue<string>(), item["endToEndId"]!.GetValue<string>());
        Assert.Equal("12.34", item["valor"]!.GetValue<string>());
    }

    [Fact]
    public async Task Receiver410_DisablesEndpoint_ReenableResumes()
    {
        await using var receiver = await WebhooksHost.ReceiverAsync();
        receiver.Behaviour = new ReceiverBehaviour { Status = 410 };
        var (id, secret) = await WebhooksHost.CreateEndpointAsync(fx.Host, "wh-gone", receiver.BaseAddress, MerchantEventTypes.CardSaleConfirmed);
        receiver.Secrets = [secret];

        await WebhooksHost.EnqueueAsync(fx.Host, "wh-gone");
        using var merchant = fx.Merchant("wh-gone");
        await WebhooksHost.EventuallyAsync(async () =>
            (await WebhooksHost.GetJsonAsync(merchant, $"/v1/webhooks/endpoints/{id}"))["disabledAt"] is JsonValue, "endpoint disabled");
        await WebhooksHost.EnqueueAsync(fx.Host, "wh-gone");
        await Task.Delay(1000);
        Assert.Single(receiver.Received); // nothing more is sent to a disabled endpoint

        receiver.Behaviour = ReceiverBehaviour.Ok;
        using var enable = await fx.Ops.PostAsync(new Uri($"/ops/v1/webhooks/endpoints/{id}/enable", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NoContent, enable.StatusCode);
        await WebhooksHost.EventuallyAsync(() => Task.FromResult(receiver.Received.Count(r => r.AnsweredStatus == 200) == 2),
            "both pending events delivered after re-enabling");
        Assert.All(receiver.Received, r => Assert.True(r.SignatureValid));
    }

    [Fact]
    public async Task FailingReceiver_DeadLetteredAfterSchedule_ReplayDeliversSameMessage()
    {
        await using var receiver = await WebhooksHost.ReceiverAsync();
        receiver.Behaviour = new ReceiverBehaviour { Status = 500 };
        var (_, secret) = await WebhooksHost.CreateEndpointAsync(fx.Host, "wh-dead", receiver.BaseAddress, MerchantEventTypes.CardSaleConfirmed);
        receiver.Secrets = [secret];
        await WebhooksHost.EnqueueAsync(fx.Host, "wh-dead");

        JsonNode? dead = null;
        await WebhooksHost.EventuallyAsync(async () =>
        {
            dead = (await WebhooksHost.GetJsonAsync(fx.Ops, "/ops/v1/webhooks/deliveries?status=dead&merchantId=wh-dead")).AsArray().SingleOrDefault();
            return dead is not null;
        }, "dead-lettered");
        var deliveryId = dead!["id"]!.GetValue<long>();
        var detail = await WebhooksHost.GetJsonAsync(fx.Ops, $"/ops/v1/webhooks/deliveries/{deliveryId}");
        var attempts = detail["attempts"]!.AsArray();
        Assert.Equal(8, attempts.Count); // the first attempt and the seven retries of the test schedule
        Assert.All(attempts, a => Assert.Equal(500, a!["httpStatus"]!.GetValue<int>()));
        Assert.Equal("receiver says 500", attempts[0]!["responseBody"]!.GetValue<string>());
        Assert.Equal(8, receiver.Received.Count);

        receiver.Behaviour = ReceiverBehaviour.Ok;
        using var replay = await fx.Ops.PostAsync(new Uri($"/ops/v1/webhooks/deliveries/{deliveryId}/replay", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        await WebhooksHost.EventuallyAsync(async () =>
            (await WebhooksHost.GetJsonAsync(fx.Ops, $"/ops/v1/webhooks/deliveries/{deliveryId}"))["delivery"]!["status"]!.GetValue<string>() == "delivered",
            "delivered after replay");
        var last = receiver.Received[^1];
        Assert.Equal(200, last.AnsweredStatus);
        Assert.Equal(receiver.Received[0].Id, last.Id); // webhook-id is stable across retries and replays
        Assert.True(last.SignatureValid);
    }

    [Fact]
    public async Task ReplayRange_RequeuesDeadDeliveriesCreatedInRange()
    {
        await using var receiver = await WebhooksHost.ReceiverAsync();
        receiver.Behaviour = new ReceiverBehaviour { Status = 503, RetryAfterSeconds = 0 };
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var (endpointId, _) = await WebhooksHost.CreateEndpointAsync(fx.Host, "wh-range", receiver.BaseAddress, MerchantEventTypes.CardSaleConfirmed);
        await WebhooksHost.EnqueueAsync(fx.Host, "wh-range");
        await WebhooksHost.EnqueueAsync(fx.Host, "wh-range");
        await WebhooksHost.EventuallyAsync(async () =>
            (await WebhooksHost.GetJsonAsync(fx.Ops, "/ops/v1/webhooks/deliveries?status=dead&merchantId=wh-range")).AsArray().Count == 2, "both dead");

        receiver.Behaviour = ReceiverBehaviour.Ok;
        var (response, body) = await WebhooksHost.SendAsync(fx.Ops, HttpMethod.Post, "/ops/v1/webhooks/replays", WebhooksHost.Json(new JsonObject
        {
            ["from"] = from.ToString("O"),
            ["to"] = DateTimeOffset.UtcNow.AddSeconds(1).ToString("O"),
            ["endpointId"] = endpointId.ToString(),
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, body["replayed"]!.GetValue<int>());
        await WebhooksHost.EventuallyAsync(() => Task.FromResult(receiver.Received.Count(r => r.AnsweredStatus == 200) == 2), "both delivered");
    }

    [Fact]
    public async Task SecretRotation_BothSignaturesSentDuringOverlap()
    {
        await using var receiver = await WebhooksHost.ReceiverAsync();
        var (id, oldSecret) = await WebhooksHost.CreateEndpointAsync(fx.Host, "wh-rotate", receiver.BaseAddress, MerchantEventTypes.CardSaleConfirmed);
        using var merchant = fx.Merchant("wh-rotate");
        var (rotated, body) = await WebhooksHost.SendAsync(merchant, HttpMethod.Post, $"/v1/webhooks/endpoints/{id}/secret");
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newSecret = body["secret"]!.GetValue<string>();
        Assert.NotEqual(oldSecret, newSecret);
        receiver.Secrets = [oldSecret, newSecret];

        await WebhooksHost.EnqueueAsync(fx.Host, "wh-rotate");
        await WebhooksHost.EventuallyAsync(() => Task.FromResult(receiver.Received.Count == 1), "delivered");

        var received = receiver.Received[0];
        Assert.Equal(2, received.SignatureCount);
        Assert.Equal(new[] { oldSecret, newSecret }.Order(), received.ValidSecrets.Order());
    }

    [Fact]
    public async Task Enqueue_TransactionRolledBack_NothingRecordedNothingSent()
    {
        await using var receiver = await WebhooksHost.ReceiverAsync();
        await WebhooksHost.CreateEndpointAsync(fx.Host, "wh-rollback", receiver.BaseAddress, MerchantEventTypes.CardSaleConfirmed);
        var outbox = fx.Host.Services.GetRequiredService<IWebhookOutbox>();
        await using (var connection = await fx.Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            var enqueued = await outbox.EnqueueAsync(tx, MerchantEvents.CardSale(MerchantEventTypes.CardSaleConfirmed, "wh-rollback", Guid.NewGuid(),
                new JsonObject { ["status"] = "confirmed" }, DateTimeOffset.UtcNow), CancellationToken.None);
            Assert.Equal(1, enqueued.Deliveries);
            await tx.RollbackAsync(); // the state change failed: its notification must vanish with it
        }

        await Task.Delay(1000);
        Assert.Empty(receiver.Received);
        Assert.Equal(0, await WebhooksHost.CountAsync(fx.Host, $"SELECT count(*) FROM webhooks.events WHERE merchant_id = 'wh-rollback'"));
    }

    [Fact]
    public async Task RetryAfter_LongerThanSchedule_Honoured()
    {
        await using var receiver = await WebhooksHost.ReceiverAsync();
        receiver.Behaviour = new ReceiverBehaviour { Status = 503, RetryAfterSeconds = 2 };
        await WebhooksHost.CreateEndpointAsync(fx.Host, "wh-retry-after", receiver.BaseAddress, MerchantEventTypes.CardSaleConfirmed);
        await WebhooksHost.EnqueueAsync(fx.Host, "wh-retry-after");

        await WebhooksHost.EventuallyAsync(() => Task.FromResult(receiver.Received.Count >= 2), "a second attempt");
        receiver.Behaviour = ReceiverBehaviour.Ok;
        var gap = receiver.Received[1].ReceivedAt - receiver.Received[0].ReceivedAt;
        Assert.True(gap >= TimeSpan.FromSeconds(1.9), $"retried after {gap}, before the 2 s Retry-After (the schedule says 0.2 s)");
    }

    [Fact]
    public async Task GposEnvelope_CarriesStateAndPerResourceSequence()
    {
        await using var receiver = await WebhooksHost.ReceiverAsync();
        var (_, secret) = await WebhooksHost.CreateEndpointAsync(fx.Host, "wh-seq", receiver.BaseAddress, MerchantEventTypes.CardSaleConfirmed);
        receiver.Secrets = [secret];
        var delivered = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Gpos.Webhooks" && instrument.Name == "gpos.webhooks.attempts")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "status", Value: "delivered" })
                {
                    Interlocked.Add(ref delivered, (int)value);
                }
            }
        });
        listener.Start();
        var sale = Guid.NewGuid().ToString();
        var first = await WebhooksHost.EnqueueAsync(fx.Host, "wh-seq", sale);
        var second = await WebhooksHost.EnqueueAsync(fx.Host, "wh-seq", sale);
        Assert.Equal((1, 2), (first.Sequence, second.Sequence));

        await WebhooksHost.EventuallyAsync(() => Task.FromResult(receiver.Received.Count == 2), "both delivered");
        var bodies = receiver.Received.Select(r => JsonNode.Parse(r.Body)!).OrderBy(b => b["data"]!["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal([1L, 2L], bodies.Select(b => b["data"]!["sequence"]!.GetValue<long>()));
        Assert.All(bodies, b => Assert.Equal(MerchantEventTypes.CardSaleConfirmed, b["type"]!.GetValue<string>()));
        Assert.All(bodies, b => Assert.Equal("confirmed", b["data"]!["state"]!["status"]!.GetValue<string>()));
        Assert.All(receiver.Received, r => Assert.True(r.SignatureValid));
        await WebhooksHost.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref delivered) >= 2), "deliveries counted by the meter");
    }
}
