using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Gpos.Pix.Tests;

/// <summary>Devolução through GPOS, the real PSP simulator and its refund callbacks, with the ledger checked afterwards.</summary>
public sealed class RefundTests(PixHost pix) : IClassFixture<PixHost>
{
    [Fact]
    public async Task PutDevolucao_FullAmount_DevolvidoByCallbackAndMerchantBalanceZero()
    {
        await SetRefundBehaviourAsync("success");
        using var merchant = await TestMerchant.CreateAsync(pix);
        var e2eid = await merchant.PaidPixAsync(pix, "50.00");

        var (response, devolucao) = await PutDevolucaoAsync(merchant.Client, e2eid, "d1", """{"valor":"50.00","descricao":"Cliente desistiu"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("d1", devolucao["id"]!.GetValue<string>());
        Assert.Matches("^[a-zA-Z0-9]{32}$", devolucao["rtrId"]!.GetValue<string>());
        Assert.Equal("ORIGINAL", devolucao["natureza"]!.GetValue<string>());
        await OfficialSchemas.AssertAsync("Devolucao", devolucao);
        var final = await EventuallyStatusAsync(merchant.Client, e2eid, "d1", "DEVOLVIDO");
        await OfficialSchemas.AssertAsync("Devolucao", final);
        Assert.NotNull(final["horario"]!["liquidacao"]);
        await TestMerchant.EventuallyStateAsync(pix, e2eid, "RETURNED");
        var payable = await TestMerchant.BalanceAsync(pix, merchant.Payable);
        Assert.Equal(0, payable.Balance);
        Assert.Equal(0, payable.Available);
        var (_, received) = await PixHost.SendAsync(merchant.Client, HttpMethod.Get, $"/v2/pix/{e2eid}");
        Assert.Equal("DEVOLVIDO", received["devolucoes"]![0]!["status"]!.GetValue<string>());
        await OfficialSchemas.AssertAsync("Pix", received);
        await TestMerchant.AssertLedgerVerifiesAsync(pix);
    }

    [Fact]
    public async Task PutDevolucao_TwoPartialsRaceForTheLastReais_OnlyOneWins()
    {
        await SetRefundBehaviourAsync("success");
        using var merchant = await TestMerchant.CreateAsync(pix);
        var e2eid = await merchant.PaidPixAsync(pix, "10.00");
        var (first, _) = await PutDevolucaoAsync(merchant.Client, e2eid, "p1", """{"valor":"6.00"}""");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        // 4.00 left: two requests of 3.00 at once.
        var race = await Task.WhenAll(
            PutDevolucaoAsync(merchant.Client, e2eid, "p2", """{"valor":"3.00"}"""),
            PutDevolucaoAsync(merchant.Client, e2eid, "p3", """{"valor":"3.00"}"""));

        Assert.Single(race, r => r.Response.StatusCode == HttpStatusCode.Created);
        var loser = Assert.Single(race, r => r.Response.StatusCode == HttpStatusCode.BadRequest);
        Assert.Equal(PixHost.ErrorType("PixDevolucaoInvalida"), loser.Body["type"]!.GetValue<string>());
        Assert.Equal("devolucao.valor", loser.Body["violacoes"]![0]!["propriedade"]!.GetValue<string>());
        await OfficialSchemas.AssertAsync("Problema", loser.Body);
        await TestMerchant.EventuallyStateAsync(pix, e2eid, "PARTIALLY_RETURNED");
        await PixHost.EventuallyAsync(async () => (await TestMerchant.BalanceAsync(pix, merchant.Payable)).Balance == 100, "9.00 returned");
        Assert.Equal(100, (await TestMerchant.BalanceAsync(pix, merchant.Payable)).Available);
        Assert.Equal(2, await pix.CountAsync($"SELECT count(*) FROM pix.refund_requests WHERE end_to_end_id = '{e2eid}'"));
        await TestMerchant.AssertLedgerVerifiesAsync(pix);
    }

    [Fact]
    public async Task PutDevolucao_PspFails_NaoRealizadoHoldVoidedAmountFreeAgain()
    {
        await SetRefundBehaviourAsync("failure", "Negado por timeout");
        using var merchant = await TestMerchant.CreateAsync(pix);
        var e2eid = await merchant.PaidPixAsync(pix, "20.00");

        var (response, _) = await PutDevolucaoAsync(merchant.Client, e2eid, "f1", """{"valor":"20.00"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var final = await EventuallyStatusAsync(merchant.Client, e2eid, "f1", "NAO_REALIZADO");
        Assert.Equal("Negado por timeout", final["motivo"]!.GetValue<string>());
        await OfficialSchemas.AssertAsync("Devolucao", final);
        var payable = await TestMerchant.BalanceAsync(pix, merchant.Payable);
        Assert.Equal(2000, payable.Balance);
        Assert.Equal(2000, payable.Available);
        Assert.Equal("PAID", await TestMerchant.StateAsync(pix, e2eid));
        await TestMerchant.AssertLedgerVerifiesAsync(pix);

        await SetRefundBehaviourAsync("success");
        var (again, _) = await PutDevolucaoAsync(merchant.Client, e2eid, "f2", """{"valor":"20.00"}""");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        await TestMerchant.EventuallyStateAsync(pix, e2eid, "RETURNED");
    }

    [Fact]
    public async Task PutDevolucao_AboveRemainingOrReusedId_PixDevolucaoInvalida()
    {
        await SetRefundBehaviourAsync("hold");
        using var merchant = await TestMerchant.CreateAsync(pix);
        var e2eid = await merchant.PaidPixAsync(pix, "15.00");
        var (first, _) = await PutDevolucaoAsync(merchant.Client, e2eid, "r1", """{"valor":"10.00"}""");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var (above, aboveBody) = await PutDevolucaoAsync(merchant.Client, e2eid, "r2", """{"valor":"5.01"}""");
        var (reused, reusedBody) = await PutDevolucaoAsync(merchant.Client, e2eid, "r1", """{"valor":"10.00"}""");

        Assert.Equal(HttpStatusCode.BadRequest, above.StatusCode);
        Assert.Equal("devolucao.valor", aboveBody["violacoes"]![0]!["propriedade"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Equal(PixHost.ErrorType("PixDevolucaoInvalida"), reusedBody["type"]!.GetValue<string>());
        Assert.Equal("id", reusedBody["violacoes"]![0]!["propriedade"]!.GetValue<string>());
        Assert.Equal(1, await pix.CountAsync($"SELECT count(*) FROM pix.refund_requests WHERE end_to_end_id = '{e2eid}'"));
        Assert.Equal(1000, (await TestMerchant.BalanceAsync(pix, merchant.Payable)).DebitsPending);
        await SetRefundBehaviourAsync("success");
    }

    [Theory]
    [InlineData("""{"valor":"1.5"}""", "devolucao.valor")]
    [InlineData("""{"valor":"-1.00"}""", "devolucao.valor")]
    [InlineData("""{"valor":"0.00"}""", "devolucao.valor")]
    [InlineData("""{"valor":1.00}""", "devolucao.valor")]
    [InlineData("""{"descricao":"sem valor"}""", "devolucao.valor")]
    [InlineData("""{"valor":"1.00","natureza":"MED_FRAUDE"}""", "devolucao.natureza")]
    [InlineData("""{"valor":"1.00","extra":true}""", "devolucao.extra")]
    public async Task PutDevolucao_MalformedBody_PixDevolucaoInvalidaNothingRecorded(string body, string propriedade)
    {
        using var merchant = await TestMerchant.CreateAsync(pix);
        var e2eid = await merchant.PaidPixAsync(pix, "5.00");

        var (response, problem) = await PutDevolucaoAsync(merchant.Client, e2eid, "m1", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(PixHost.ErrorType("PixDevolucaoInvalida"), problem["type"]!.GetValue<string>());
        Assert.Contains(problem["violacoes"]!.AsArray(), v => v!["propriedade"]!.GetValue<string>() == propriedade);
        await OfficialSchemas.AssertAsync("Problema", problem);
        Assert.Equal(0, await pix.CountAsync($"SELECT count(*) FROM pix.refund_requests WHERE end_to_end_id = '{e2eid}'"));
    }

    [Fact]
    public async Task PutDevolucao_DescricaoTooLongOrBadId_PixDevolucaoInvalida()
    {
        using var merchant = await TestMerchant.CreateAsync(pix);
        var e2eid = await merchant.PaidPixAsync(pix, "5.00");

        var (longText, longBody) = await PutDevolucaoAsync(merchant.Client, e2eid, "x1", $$"""{"valor":"1.00","descricao":"{{new string('a', 141)}}"}""");
        var (badId, badIdBody) = await PutDevolucaoAsync(merchant.Client, e2eid, new string('a', 36), """{"valor":"1.00"}""");

        Assert.Equal(HttpStatusCode.BadRequest, longText.StatusCode);
        Assert.Equal("devolucao.descricao", longBody["violacoes"]![0]!["propriedade"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Equal("id", badIdBody["violacoes"]![0]!["propriedade"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutDevolucao_AfterNinetyDays_PixDevolucaoInvalida()
    {
        using var merchant = await TestMerchant.CreateAsync(pix);
        var old = DateTimeOffset.UtcNow.AddDays(-91).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var e2eid = await merchant.PaidPixAsync(pix, "5.00", new JsonObject { ["horario"] = old });

        var (response, problem) = await PutDevolucaoAsync(merchant.Client, e2eid, "late1", """{"valor":"1.00"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(PixHost.ErrorType("PixDevolucaoInvalida"), problem["type"]!.GetValue<string>());
        Assert.Equal("pix.horario", problem["violacoes"]![0]!["propriedade"]!.GetValue<string>());
        Assert.Equal(0, await pix.CountAsync($"SELECT count(*) FROM pix.refund_requests WHERE end_to_end_id = '{e2eid}'"));
    }

    [Fact]
    public async Task Devolucao_UnknownOrOtherMerchantsPix_SameNotFoundAnswer()
    {
        using var owner = await TestMerchant.CreateAsync(pix);
        using var other = await TestMerchant.CreateAsync(pix);
        var e2eid = await owner.PaidPixAsync(pix, "5.00");
        var unknown = PixHost.NewEndToEndId();

        var (foreign, foreignBody) = await PutDevolucaoAsync(other.Client, e2eid, "o1", """{"valor":"1.00"}""");
        var (missing, missingBody) = await PutDevolucaoAsync(other.Client, unknown, "o1", """{"valor":"1.00"}""");
        var (foreignGet, foreignGetBody) = await PixHost.SendAsync(other.Client, HttpMethod.Get, $"/v2/pix/{e2eid}/devolucao/o1");
        var (missingGet, missingGetBody) = await PixHost.SendAsync(other.Client, HttpMethod.Get, $"/v2/pix/{unknown}/devolucao/o1");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(PixHost.ErrorType("PixNaoEncontrado"), foreignBody["type"]!.GetValue<string>());
        Assert.Equal(WithoutCorrelation(missingBody), WithoutCorrelation(foreignBody));
        Assert.Equal(HttpStatusCode.NotFound, foreignGet.StatusCode);
        Assert.Equal(PixHost.ErrorType("PixDevolucaoNaoEncontrada"), foreignGetBody["type"]!.GetValue<string>());
        Assert.Equal(WithoutCorrelation(missingGetBody), WithoutCorrelation(foreignGetBody));
        await OfficialSchemas.AssertAsync("Problema", foreignGetBody);
        Assert.Equal(0, await pix.CountAsync($"SELECT count(*) FROM pix.refund_requests WHERE end_to_end_id = '{e2eid}'"));
    }

    [Fact]
    public async Task PutDevolucao_PspUnavailable_503KeepsTheRequestAndTheSamePutFinishesIt()
    {
        await SetRefundBehaviourAsync("success");
        using var merchant = await TestMerchant.CreateAsync(pix);
        var e2eid = await merchant.PaidPixAsync(pix, "8.00");
        await pix.AddFaultAsync(new JsonObject
        {
            ["endpoint"] = "PUT /pix/{e2eid}/devolucao/{id}", ["e2eid"] = e2eid, ["kind"] = "error", ["status"] = 503, ["count"] = 1,
        });

        var (unavailable, problem) = await PutDevolucaoAsync(merchant.Client, e2eid, "u1", """{"valor":"8.00"}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Equal(PixHost.ErrorType("ServicoIndisponivel"), problem["type"]!.GetValue<string>());
        Assert.NotNull(unavailable.Headers.RetryAfter);
        Assert.Equal(800, (await TestMerchant.BalanceAsync(pix, merchant.Payable)).DebitsPending); // held while unanswered
        var (otherBody, _) = await PutDevolucaoAsync(merchant.Client, e2eid, "u1", """{"valor":"7.00"}""");
        Assert.Equal(HttpStatusCode.BadRequest, otherBody.StatusCode);

        var (again, devolucao) = await PutDevolucaoAsync(merchant.Client, e2eid, "u1", """{"valor":"8.00"}""");

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        await OfficialSchemas.AssertAsync("Devolucao", devolucao);
        await TestMerchant.EventuallyStateAsync(pix, e2eid, "RETURNED");
        Assert.Equal(2, await pix.PspCallsAsync("PUT /pix/{e2eid}/devolucao/{id}", e2eid)); // one refused by the fault (no retry), one accepted
        await TestMerchant.AssertLedgerVerifiesAsync(pix);
    }

    [Fact]
    public async Task PutDevolucao_PspAnswerLost_SamePutReadsItBackInsteadOfRefundingTwice()
    {
        await SetRefundBehaviourAsync("hold");
        using var merchant = await TestMerchant.CreateAsync(pix);
        var e2eid = await merchant.PaidPixAsync(pix, "9.00");
        await pix.AddFaultAsync(new JsonObject
        {
            ["endpoint"] = "PUT /pix/{e2eid}/devolucao/{id}", ["e2eid"] = e2eid, ["kind"] = "commitThenDrop", ["afterHeaders"] = true, ["count"] = 1,
        });

        var (lost, _) = await PutDevolucaoAsync(merchant.Client, e2eid, "l1", """{"valor":"9.00"}""");
        var (again, devolucao) = await PutDevolucaoAsync(merchant.Client, e2eid, "l1", """{"valor":"9.00"}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, lost.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("EM_PROCESSAMENTO", devolucao["status"]!.GetValue<string>());
        Assert.Equal(1, await pix.PspCallsAsync("GET /pix/{e2eid}/devolucao/{id}", e2eid));
        var (_, atPsp) = await PixHost.SendAsync(pix.PspClient, HttpMethod.Get, $"v2/pix/{e2eid}");
        Assert.Single(atPsp["devolucoes"]!.AsArray());
        await SetRefundBehaviourAsync("success");
    }

    [Fact]
    public async Task PutDevolucao_ByTheMerchantsTerminal_Accepted()
    {
        await SetRefundBehaviourAsync("success");
        using var merchant = await TestMerchant.CreateAsync(pix);
        var e2eid = await merchant.PaidPixAsync(pix, "3.00");
        using var terminal = pix.Host.MtlsClient(Gpos.Testing.TestPki.Terminal("t-refund", merchant.Id));

        var (response, devolucao) = await PutDevolucaoAsync(terminal, e2eid, "t1", """{"valor":"1.00"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await OfficialSchemas.AssertAsync("Devolucao", devolucao);
        await TestMerchant.EventuallyStateAsync(pix, e2eid, "PARTIALLY_RETURNED");
    }

    internal static Task<(HttpResponseMessage Response, JsonObject Body)> PutDevolucaoAsync(HttpClient client, string e2eid, string id, string body) =>
        PixHost.SendAsync(client, HttpMethod.Put, $"/v2/pix/{e2eid}/devolucao/{id}", PixHost.Raw(body));

    internal static async Task<JsonObject> EventuallyStatusAsync(HttpClient client, string e2eid, string id, string status)
    {
        JsonObject body = [];
        await PixHost.EventuallyAsync(async () =>
        {
            (_, body) = await PixHost.SendAsync(client, HttpMethod.Get, $"/v2/pix/{e2eid}/devolucao/{id}");
            return body["status"]?.GetValue<string>() == status;
        }, $"devolução {id} {status}");
        return body;
    }

    private async Task SetRefundBehaviourAsync(string mode, string? motivo = null)
    {
        var body = new JsonObject { ["mode"] = mode };
        if (motivo is not null)
        {
            body["motivo"] = motivo;
        }

        var (response, _) = await PixHost.SendAsync(pix.PspClient, HttpMethod.Put, "control/refunds/behaviour", PixHost.Json(body));
        response.EnsureSuccessStatusCode();
    }

    private static string WithoutCorrelation(JsonObject problem)
    {
        var copy = problem.DeepClone().AsObject();
        copy.Remove("correlationId");
        copy.Remove("traceId");
        return copy.ToJsonString();
    }
}
