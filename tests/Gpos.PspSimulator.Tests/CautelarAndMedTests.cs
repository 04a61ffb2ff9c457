using System.Text.Json.Nodes;

namespace Gpos.PspSimulator.Tests;

public sealed class CautelarAndMedTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task PayBlocked_ThenRelease_WebhooksCarryBlockStates()
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid);
        var e2eid = (string)(await fixture.PayAsync(txid, new JsonObject { ["bloqueioCautelar"] = true }))["endToEndId"]!;
        var blocked = Assert.Single(await fixture.Receiver.WaitForPixAsync(p => (string?)p["endToEndId"] == e2eid));
        Assert.Equal("BLOQUEADO", (string?)blocked["bloqueioCautelar"]!["status"]);

        var (status, released) = await fixture.SendAsync(HttpMethod.Post, $"control/pix/{e2eid}/release");

        Assert.Equal(200, status);
        Assert.Equal("LIBERADO", (string?)released["bloqueioCautelar"]!["status"]);
        var notified = await fixture.Receiver.WaitForPixAsync(p => (string?)p["endToEndId"] == e2eid, count: 2);
        Assert.Equal("LIBERADO", (string?)notified[^1]["bloqueioCautelar"]!["status"]);
    }

    [Fact]
    public async Task Block_ThenMedReturn_FullAmountDevolvidoAndBlockEnded()
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid, "80.00");
        var e2eid = (string)(await fixture.PayAsync(txid))["endToEndId"]!;
        var (blockStatus, _) = await fixture.SendAsync(HttpMethod.Post, $"control/pix/{e2eid}/block", new JsonObject { ["motivo"] = "suspeita" });
        var (refundStatus, _) = await fixture.SendAsync(HttpMethod.Put, $"v2/pix/{e2eid}/devolucao/b1", new JsonObject { ["valor"] = "1.00" });

        var (status, returned) = await fixture.SendAsync(HttpMethod.Post, $"control/pix/{e2eid}/med", new JsonObject { ["natureza"] = "MED_FRAUDE" });

        Assert.Equal(200, blockStatus);
        Assert.Equal(400, refundStatus);
        Assert.Equal(200, status);
        Assert.Equal("DEVOLVIDO", (string?)returned["bloqueioCautelar"]!["status"]);
        var devolucao = returned["devolucoes"]![0]!;
        Assert.Equal("MED_FRAUDE", (string?)devolucao["natureza"]);
        Assert.Equal("80.00", (string?)devolucao["valor"]);
        Assert.Equal("DEVOLVIDO", (string?)devolucao["status"]);
        var notified = await fixture.Receiver.WaitForPixAsync(p => (string?)p["endToEndId"] == e2eid, count: 3);
        Assert.Equal(3, notified.Count);
        Assert.Equal("MED_FRAUDE", (string?)notified[^1]["devolucoes"]![0]!["natureza"]);
    }

    [Fact]
    public async Task PaidPix_PartialMedOperacional_ReturnsPartOfTheAmount()
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid, "30.00");
        var e2eid = (string)(await fixture.PayAsync(txid))["endToEndId"]!;

        var (status, pix) = await fixture.SendAsync(HttpMethod.Post, $"control/pix/{e2eid}/med",
            new JsonObject { ["natureza"] = "MED_OPERACIONAL", ["valor"] = "12.50", ["id"] = "med1" });
        var (tooMuch, _) = await fixture.SendAsync(HttpMethod.Post, $"control/pix/{e2eid}/med", new JsonObject { ["valor"] = "17.51" });

        Assert.Equal(200, status);
        var devolucao = pix["devolucoes"]![0]!;
        Assert.Equal("med1", (string?)devolucao["id"]);
        Assert.Equal("MED_OPERACIONAL", (string?)devolucao["natureza"]);
        Assert.Equal("12.50", (string?)devolucao["valor"]);
        Assert.Matches("^[a-zA-Z0-9]{32}$", (string)devolucao["rtrId"]!);
        Assert.Equal(409, tooMuch);
        var notified = await fixture.Receiver.WaitForPixAsync(p => (string?)p["endToEndId"] == e2eid && p["devolucoes"] is not null);
        Assert.Equal("MED_OPERACIONAL", (string?)Assert.Single(notified)["devolucoes"]![0]!["natureza"]);
    }

    [Fact]
    public async Task BlockAndRelease_WrongState_409AndNoWebhook()
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid, "9.00");
        var e2eid = (string)(await fixture.PayAsync(txid, new JsonObject { ["bloqueioCautelar"] = true }))["endToEndId"]!;
        await fixture.Receiver.WaitForPixAsync(p => (string?)p["endToEndId"] == e2eid);

        var (blockedAgain, _) = await fixture.SendAsync(HttpMethod.Post, $"control/pix/{e2eid}/block", new JsonObject());
        var (released, _) = await fixture.SendAsync(HttpMethod.Post, $"control/pix/{e2eid}/release");
        var (releasedAgain, _) = await fixture.SendAsync(HttpMethod.Post, $"control/pix/{e2eid}/release");
        var (unknown, _) = await fixture.SendAsync(HttpMethod.Post, "control/pix/E00000000000000000000000000000000/release");

        Assert.Equal(409, blockedAgain);
        Assert.Equal(200, released);
        Assert.Equal(409, releasedAgain);
        Assert.Equal(404, unknown);
        var notified = await fixture.Receiver.WaitForPixAsync(p => (string?)p["endToEndId"] == e2eid, count: 2);
        Assert.Equal(2, notified.Count);
    }

    [Theory]
    [InlineData("""{"natureza":"ORIGINAL"}""")]
    [InlineData("""{"valor":"0.00"}""")]
    [InlineData("""{"valor":"99.00"}""")]
    public async Task Med_InvalidRequest_RefusedAndNothingReturned(string body)
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid, "9.00");
        var e2eid = (string)(await fixture.PayAsync(txid))["endToEndId"]!;

        var (status, _) = await fixture.SendAsync(HttpMethod.Post, $"control/pix/{e2eid}/med", System.Text.Json.Nodes.JsonNode.Parse(body));
        var (_, pix) = await fixture.SendAsync(HttpMethod.Get, $"v2/pix/{e2eid}");

        Assert.True(status is 400 or 409, $"status {status}");
        Assert.Null(pix["devolucoes"]);
    }
}
