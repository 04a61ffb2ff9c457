using System.Text.Json.Nodes;

namespace Gpos.PspSimulator.Tests;

public sealed class WebhookTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Pay_WithRegisteredWebhook_PostsSpecShapedPixWithPspCertificate()
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid, "25.90");

        var paid = await fixture.PayAsync(txid, new JsonObject { ["infoPagador"] = "obrigado" });

        var pix = Assert.Single(await fixture.Receiver.WaitForPixAsync(p => (string?)p["txid"] == txid));
        var e2eid = (string)pix["endToEndId"]!;
        Assert.Matches("^E60746948[0-9]{12}[a-zA-Z0-9]{11}$", e2eid);
        Assert.Equal((string?)paid["endToEndId"], e2eid);
        Assert.Equal("25.90", (string?)pix["valor"]);
        Assert.Equal(SimulatorFixture.Chave, (string?)pix["chave"]);
        Assert.Equal("obrigado", (string?)pix["infoPagador"]);
        Assert.True(DateTimeOffset.TryParse((string?)pix["horario"], out _));
        var webhook = fixture.Receiver.Received.Single(r => r.Body.ToJsonString().Contains(txid, StringComparison.Ordinal));
        Assert.Equal("/gpos/webhook/pix", webhook.Path);
        Assert.Equal("urn:gpos:psp:psp-sim", webhook.ClientUri);
        Assert.Equal("application/json", webhook.ContentType?.Split(';')[0]);

        var (_, cob) = await fixture.SendAsync(HttpMethod.Get, $"v2/cob/{txid}");
        Assert.Equal("CONCLUIDA", (string?)cob["status"]);
        Assert.Equal(e2eid, (string?)cob["pix"]![0]!["endToEndId"]);
        var (status, byE2e) = await fixture.SendAsync(HttpMethod.Get, $"v2/pix/{e2eid}");
        Assert.Equal(200, status);
        Assert.Equal(pix.ToJsonString(), byE2e.ToJsonString());
    }

    [Fact]
    public async Task Webhooks_ManyPaymentsAtOnce_DeliveredOnBoundedConnections()
    {
        var txids = Enumerable.Range(0, 12).Select(_ => SimulatorFixture.NewTxid()).ToList();
        foreach (var txid in txids)
        {
            await fixture.CreateCobAsync(txid, "1.00");
        }

        fixture.Receiver.AnswerAfter(TimeSpan.FromMilliseconds(300));
        (int MostInFlight, int Connections) seen;
        try
        {
            await Task.WhenAll(txids.Select(txid => fixture.PayAsync(txid, new JsonObject())));
            foreach (var txid in txids)
            {
                Assert.Single(await fixture.Receiver.WaitForPixAsync(p => (string?)p["txid"] == txid, seconds: 20));
            }

            seen = fixture.Receiver.Concurrency;
        }
        finally
        {
            fixture.Receiver.AnswerAfter(TimeSpan.Zero);
        }

        // Twelve slow deliveries share the simulator's connections instead of opening one mTLS connection each.
        var (mostInFlight, connections) = seen;
        Assert.InRange(mostInFlight, 2, SimulatorFixture.MaxWebhookConnections);
        Assert.InRange(connections, 1, SimulatorFixture.MaxWebhookConnections);
    }

    [Fact]
    public async Task Pay_WithOtherAmountAndChosenE2eid_NotifiesThatAmount()
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid, "10.00");
        var e2eid = "E12345678202601011200" + "abcdefghijk";

        await fixture.PayAsync(txid, new JsonObject { ["valor"] = "9.99", ["endToEndId"] = e2eid });

        var pix = Assert.Single(await fixture.Receiver.WaitForPixAsync(p => (string?)p["txid"] == txid));
        Assert.Equal(e2eid, (string?)pix["endToEndId"]);
        Assert.Equal("9.99", (string?)pix["valor"]);
    }

    [Fact]
    public async Task Pay_TwiceOrUnknown_Refused()
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid);
        await fixture.PayAsync(txid);

        var (again, _) = await fixture.SendAsync(HttpMethod.Post, $"control/cob/{txid}/pay", new JsonObject());
        var (unknown, _) = await fixture.SendAsync(HttpMethod.Post, $"control/cob/{SimulatorFixture.NewTxid()}/pay", new JsonObject());

        Assert.Equal(409, again);
        Assert.Equal(404, unknown);
    }

    [Fact]
    public async Task Webhook_ReceiverFailsTwice_RetriedUntilDelivered()
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid);
        fixture.Receiver.FailNext(2);

        await fixture.PayAsync(txid);

        Assert.Single(await fixture.Receiver.WaitForPixAsync(p => (string?)p["txid"] == txid));
        Assert.Equal(3, fixture.Receiver.Received.Count(r => r.Body.ToJsonString().Contains(txid, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Replay_CopiesInReversedBatch_DuplicatesArriveOutOfOrder()
    {
        var first = SimulatorFixture.NewTxid();
        var second = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(first);
        await fixture.CreateCobAsync(second);
        var e1 = (string)(await fixture.PayAsync(first))["endToEndId"]!;
        var e2 = (string)(await fixture.PayAsync(second))["endToEndId"]!;
        await fixture.Receiver.WaitForPixAsync(p => (string?)p["txid"] == second);

        var (status, result) = await fixture.SendAsync(HttpMethod.Post, "control/webhooks/replay", new JsonObject
        {
            ["endToEndIds"] = new JsonArray(e1, e2),
            ["copies"] = 2,
            ["batch"] = true,
            ["order"] = "reversed",
            ["wait"] = true,
        });

        Assert.Equal(200, status);
        Assert.Equal(2, (int)result["deliveries"]!);
        var batches = fixture.Receiver.Received.Where(r => r.Body["pix"]!.AsArray().Count == 2
            && r.Body.ToJsonString().Contains(e1, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, batches.Count);
        Assert.All(batches, b => Assert.Equal(new[] { e2, e1 }, b.Body["pix"]!.AsArray().Select(p => (string)p!["endToEndId"]!)));
    }

    [Fact]
    public async Task Replay_SentNotificationsReversed_StaleStateArrivesLast()
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid);
        var e2eid = (string)(await fixture.PayAsync(txid))["endToEndId"]!;
        await fixture.Receiver.WaitForPixAsync(p => (string?)p["txid"] == txid);
        await fixture.SendAsync(HttpMethod.Post, $"control/pix/{e2eid}/med", new JsonObject { ["natureza"] = "MED_OPERACIONAL" });
        await fixture.Receiver.WaitForPixAsync(p => (string?)p["txid"] == txid, count: 2);
        var before = fixture.Receiver.Received.Count;

        await fixture.SendAsync(HttpMethod.Post, "control/webhooks/replay", new JsonObject
        {
            ["source"] = "sent", ["endToEndIds"] = new JsonArray(e2eid), ["copies"] = 1, ["order"] = "reversed", ["wait"] = true,
        });

        var replayed = fixture.Receiver.Received.Skip(before).Select(r => r.Body["pix"]![0]!).ToList();
        Assert.Equal(2, replayed.Count);
        Assert.NotNull(replayed[0]!["devolucoes"]);
        Assert.Null(replayed[1]!["devolucoes"]);
    }

    [Fact]
    public async Task WebhookRegistration_GetAndDelete()
    {
        const string chave = "+5561999999999";
        var url = fixture.Receiver.BaseAddress.ToString();
        var (put, _) = await fixture.SendAsync(HttpMethod.Put, $"v2/webhook/{Uri.EscapeDataString(chave)}", new JsonObject { ["webhookUrl"] = url });
        var (get, registration) = await fixture.SendAsync(HttpMethod.Get, $"v2/webhook/{Uri.EscapeDataString(chave)}");
        var (delete, _) = await fixture.SendAsync(HttpMethod.Delete, $"v2/webhook/{Uri.EscapeDataString(chave)}");
        var (gone, problem) = await fixture.SendAsync(HttpMethod.Get, $"v2/webhook/{Uri.EscapeDataString(chave)}");
        var (bad, invalid) = await fixture.SendAsync(HttpMethod.Put, $"v2/webhook/{Uri.EscapeDataString(chave)}", new JsonObject { ["webhookUrl"] = "not a url" });

        Assert.Equal(200, put);
        Assert.Equal(200, get);
        Assert.Equal(url, (string?)registration["webhookUrl"]);
        Assert.Equal(chave, (string?)registration["chave"]);
        Assert.NotNull(registration["criacao"]);
        Assert.Equal(204, delete);
        Assert.Equal(404, gone);
        Assert.EndsWith("/WebhookNaoEncontrado", (string)problem["type"]!, StringComparison.Ordinal);
        Assert.Equal(400, bad);
        Assert.EndsWith("/WebhookOperacaoInvalida", (string)invalid["type"]!, StringComparison.Ordinal);
    }
}
