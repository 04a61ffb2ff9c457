using System.Text.Json.Nodes;

namespace Gpos.PspSimulator.Tests;

/// <summary>Refund behaviour is global, so these tests run in one class (sequentially) and set it each time.</summary>
public sealed class RefundTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Refund_Success_EmProcessamentoThenDevolvidoCallback()
    {
        await SetBehaviourAsync("success");
        var e2eid = await PaidPixAsync("50.00");

        var (status, refund) = await fixture.SendAsync(HttpMethod.Put, $"v2/pix/{e2eid}/devolucao/d1", new JsonObject { ["valor"] = "20.00" });

        Assert.Equal(201, status);
        Assert.Equal("EM_PROCESSAMENTO", (string?)refund["status"]);
        Assert.Equal("ORIGINAL", (string?)refund["natureza"]);
        Assert.Matches("^D12345678[0-9]{12}[a-zA-Z0-9]{11}$", (string)refund["rtrId"]!);
        var callback = Assert.Single(await fixture.Receiver.WaitForPixAsync(p => (string?)p["endToEndId"] == e2eid && p["devolucoes"] is not null));
        var devolucao = callback["devolucoes"]![0]!;
        Assert.Equal("DEVOLVIDO", (string?)devolucao["status"]);
        Assert.Equal("d1", (string?)devolucao["id"]);
        Assert.Equal("20.00", (string?)devolucao["valor"]);
        Assert.NotNull(devolucao["horario"]!["solicitacao"]);
        Assert.NotNull(devolucao["horario"]!["liquidacao"]);
        var (_, read) = await fixture.SendAsync(HttpMethod.Get, $"v2/pix/{e2eid}/devolucao/d1");
        Assert.Equal("DEVOLVIDO", (string?)read["status"]);
    }

    [Fact]
    public async Task Refund_Failure_NaoRealizadoWithMotivoAndAmountFreed()
    {
        await SetBehaviourAsync("failure");
        var e2eid = await PaidPixAsync("10.00");

        await fixture.SendAsync(HttpMethod.Put, $"v2/pix/{e2eid}/devolucao/f1", new JsonObject { ["valor"] = "10.00" });

        var callback = Assert.Single(await fixture.Receiver.WaitForPixAsync(p => (string?)p["endToEndId"] == e2eid && p["devolucoes"] is not null));
        Assert.Equal("NAO_REALIZADO", (string?)callback["devolucoes"]![0]!["status"]);
        Assert.NotNull(callback["devolucoes"]![0]!["motivo"]);
        await SetBehaviourAsync("success");
        var (status, _) = await fixture.SendAsync(HttpMethod.Put, $"v2/pix/{e2eid}/devolucao/f2", new JsonObject { ["valor"] = "10.00" });
        Assert.Equal(201, status);
    }

    [Fact]
    public async Task Refund_Delay_StaysEmProcessamentoUntilTheDelay()
    {
        await SetBehaviourAsync("delay", 700);
        var e2eid = await PaidPixAsync("10.00");

        await fixture.SendAsync(HttpMethod.Put, $"v2/pix/{e2eid}/devolucao/w1", new JsonObject { ["valor"] = "1.00" });
        await Task.Delay(200);
        var (_, pending) = await fixture.SendAsync(HttpMethod.Get, $"v2/pix/{e2eid}/devolucao/w1");

        Assert.Equal("EM_PROCESSAMENTO", (string?)pending["status"]);
        Assert.Single(await fixture.Receiver.WaitForPixAsync(p => (string?)p["endToEndId"] == e2eid && p["devolucoes"] is not null));
        var (_, done) = await fixture.SendAsync(HttpMethod.Get, $"v2/pix/{e2eid}/devolucao/w1");
        Assert.Equal("DEVOLVIDO", (string?)done["status"]);
    }

    [Fact]
    public async Task Refund_Hold_SettledThroughControlApi()
    {
        await SetBehaviourAsync("hold");
        var e2eid = await PaidPixAsync("10.00");
        await fixture.SendAsync(HttpMethod.Put, $"v2/pix/{e2eid}/devolucao/h1", new JsonObject { ["valor"] = "1.00" });

        var (status, _) = await fixture.SendAsync(HttpMethod.Post, $"control/pix/{e2eid}/devolucao/h1/settle",
            new JsonObject { ["status"] = "NAO_REALIZADO", ["motivo"] = "Negado por timeout" });

        Assert.Equal(204, status);
        var callback = Assert.Single(await fixture.Receiver.WaitForPixAsync(p => (string?)p["endToEndId"] == e2eid && p["devolucoes"] is not null));
        Assert.Equal("Negado por timeout", (string?)callback["devolucoes"]![0]!["motivo"]);
    }

    [Fact]
    public async Task Refund_AboveRemainingAmount_PixDevolucaoInvalida()
    {
        await SetBehaviourAsync("hold");
        var e2eid = await PaidPixAsync("10.00");
        await fixture.SendAsync(HttpMethod.Put, $"v2/pix/{e2eid}/devolucao/a1", new JsonObject { ["valor"] = "6.00" });

        var (status, problem) = await fixture.SendAsync(HttpMethod.Put, $"v2/pix/{e2eid}/devolucao/a2", new JsonObject { ["valor"] = "4.01" });
        var (exact, _) = await fixture.SendAsync(HttpMethod.Put, $"v2/pix/{e2eid}/devolucao/a3", new JsonObject { ["valor"] = "4.00" });

        Assert.Equal(400, status);
        Assert.Equal("https://pix.bcb.gov.br/api/v2/error/PixDevolucaoInvalida", (string?)problem["type"]);
        Assert.Equal(201, exact);
    }

    [Fact]
    public async Task Refund_ReusedId_PixDevolucaoInvalida()
    {
        await SetBehaviourAsync("hold");
        var e2eid = await PaidPixAsync("10.00");
        await fixture.SendAsync(HttpMethod.Put, $"v2/pix/{e2eid}/devolucao/r1", new JsonObject { ["valor"] = "1.00" });

        var (status, problem) = await fixture.SendAsync(HttpMethod.Put, $"v2/pix/{e2eid}/devolucao/r1", new JsonObject { ["valor"] = "1.00" });

        Assert.Equal(400, status);
        Assert.Equal("id", (string?)problem["violacoes"]![0]!["propriedade"]);
    }

    [Fact]
    public async Task Refund_PastNinetyDays_PixDevolucaoInvalida()
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid);
        var old = DateTimeOffset.UtcNow.AddDays(-91).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var e2eid = (string)(await fixture.PayAsync(txid, new JsonObject { ["horario"] = old }))["endToEndId"]!;

        var (status, problem) = await fixture.SendAsync(HttpMethod.Put, $"v2/pix/{e2eid}/devolucao/o1", new JsonObject { ["valor"] = "1.00" });

        Assert.Equal(400, status);
        Assert.EndsWith("/PixDevolucaoInvalida", (string)problem["type"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.5", "ORIGINAL")]
    [InlineData("0.00", "ORIGINAL")]
    [InlineData("1.00", "MED_FRAUDE")]
    public async Task Refund_MalformedRequest_PixDevolucaoInvalida(string valor, string natureza)
    {
        var e2eid = await PaidPixAsync("10.00");

        var (status, problem) = await fixture.SendAsync(HttpMethod.Put, $"v2/pix/{e2eid}/devolucao/m1",
            new JsonObject { ["valor"] = valor, ["natureza"] = natureza });

        Assert.Equal(400, status);
        Assert.EndsWith("/PixDevolucaoInvalida", (string)problem["type"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refund_UnknownPixOrRefund_NotFoundTypes()
    {
        var unknown = "E12345678202601011200" + "zzzzzzzzzzz";
        var (putStatus, put) = await fixture.SendAsync(HttpMethod.Put, $"v2/pix/{unknown}/devolucao/x1", new JsonObject { ["valor"] = "1.00" });
        var (getStatus, get) = await fixture.SendAsync(HttpMethod.Get, $"v2/pix/{unknown}/devolucao/x1");
        var (pixStatus, pix) = await fixture.SendAsync(HttpMethod.Get, $"v2/pix/{unknown}");

        Assert.Equal(404, putStatus);
        Assert.EndsWith("/PixNaoEncontrado", (string)put["type"]!, StringComparison.Ordinal);
        Assert.Equal(404, getStatus);
        Assert.EndsWith("/PixDevolucaoNaoEncontrada", (string)get["type"]!, StringComparison.Ordinal);
        Assert.Equal(404, pixStatus);
        Assert.EndsWith("/PixNaoEncontrado", (string)pix["type"]!, StringComparison.Ordinal);
    }

    private async Task SetBehaviourAsync(string mode, int delayMs = 0)
    {
        var (status, _) = await fixture.SendAsync(HttpMethod.Put, "control/refunds/behaviour", new JsonObject { ["mode"] = mode, ["delayMs"] = delayMs });
        Assert.Equal(200, status);
    }

    private async Task<string> PaidPixAsync(string valor)
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid, valor);
        return (string)(await fixture.PayAsync(txid))["endToEndId"]!;
    }
}
