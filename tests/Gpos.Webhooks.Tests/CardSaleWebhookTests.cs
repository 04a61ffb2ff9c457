using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gpos.CardHostSimulator;
using Gpos.Testing;
using Gpos.Webhooks.Contracts;

namespace Gpos.Webhooks.Tests;

/// <summary>The Cards producer end to end: a terminal's sale over ISO 8583 to the card host simulator, confirmed or undone, notified.</summary>
public sealed class CardSaleWebhookTests : IAsyncLifetime
{
    private const string Merchant = "wh-cards";

    private CardHostSimulatorServer _simulator = null!;
    private GposTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _simulator = await CardHostSimulatorServer.StartAsync(new CardHostSimulatorOptions { Port = 0, ControlPort = 0 });
        var settings = WebhooksHost.WebhookSettings();
        settings["Gpos:Cards:HostAddress"] = "127.0.0.1";
        settings["Gpos:Cards:HostPort"] = _simulator.Port.ToString(CultureInfo.InvariantCulture);
        settings["Gpos:Cards:RequestTimeout"] = "00:00:02";
        _host = await GposTestHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task CardSale_ConfirmedAndUndone_NotifiedWithSaleState()
    {
        await using var receiver = await WebhooksHost.ReceiverAsync();
        var (_, secret) = await WebhooksHost.CreateEndpointAsync(_host, Merchant, receiver.BaseAddress,
            MerchantEventTypes.CardSaleConfirmed, MerchantEventTypes.CardSaleReversed);
        receiver.Secrets = [secret];
        using var terminal = _host.MtlsClient(TestPki.Terminal("t-wh-cards", Merchant));

        var confirmed = await ApprovedSaleAsync(terminal, 1500);
        await DecideAsync(terminal, confirmed, "confirmation");
        var undone = await ApprovedSaleAsync(terminal, 2500);
        await DecideAsync(terminal, undone, "undo");

        await WebhooksHost.EventuallyAsync(() => Task.FromResult(receiver.Received.Count == 2), "both sale events delivered");
        var events = receiver.Received.Select(r => JsonNode.Parse(r.Body)!).ToDictionary(b => b["data"]!["resourceId"]!.GetValue<string>());
        Assert.Equal(MerchantEventTypes.CardSaleConfirmed, events[confirmed]["type"]!.GetValue<string>());
        Assert.Equal("confirmed", events[confirmed]["data"]!["state"]!["status"]!.GetValue<string>());
        Assert.Equal(1500, events[confirmed]["data"]!["state"]!["amount"]!.GetValue<long>());
        Assert.Equal(MerchantEventTypes.CardSaleReversed, events[undone]["type"]!.GetValue<string>());
        Assert.Equal("undo", events[undone]["data"]!["state"]!["reversalReason"]!.GetValue<string>());
        Assert.All(receiver.Received, r => Assert.True(r.SignatureValid));
        Assert.All(receiver.Received, r => Assert.DoesNotContain("4111111111111111", r.Body, StringComparison.Ordinal));
    }

    // Retries while GPOS is still signing on to the card host (a declined or 503 answer), as a terminal would.
    private static async Task<string> ApprovedSaleAsync(HttpClient terminal, long amount)
    {
        string? id = null;
        await WebhooksHost.EventuallyAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/card/sales", UriKind.Relative))
            {
                Content = JsonContent.Create(new { amount, currency = "986", pan = "4111111111111111", expiry = "3012" }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await terminal.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return false;
            }

            var sale = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            id = sale["id"]!.GetValue<string>();
            return sale["status"]!.GetValue<string>() == "approved";
        }, "an approved sale");
        return id!;
    }

    private static async Task DecideAsync(HttpClient terminal, string saleId, string decision)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/v1/card/sales/{saleId}/{decision}", UriKind.Relative));
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await terminal.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{decision}: {(int)response.StatusCode}");
    }
}
