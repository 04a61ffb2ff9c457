using System.Net;
using System.Text.Json.Nodes;

namespace Gpos.Pix.Tests;

/// <summary>Short PSP timeouts and a fast reconciler, so faults injected at the simulator play out in a few seconds.</summary>
public sealed class ResilienceHost : PixHost
{
    protected override IDictionary<string, string?> PixSettings => new Dictionary<string, string?>
    {
        ["Gpos:Pix:AttemptTimeout"] = "00:00:00.500",
        ["Gpos:Pix:TotalTimeout"] = "00:00:01.500",
        ["Gpos:Pix:MaxRetryAttempts"] = "1",
        ["Gpos:Pix:RetryBaseDelay"] = "00:00:00.050",
        ["Gpos:Pix:BreakerMinimumThroughput"] = "1000",
        ["Gpos:Pix:ReconcileInterval"] = "00:00:00.200",
        ["Gpos:Pix:ReconcileMinimumAge"] = "00:00:00",
    };
}

/// <summary>PSP timeouts, lost responses and the reconciler: the txid makes every retry safe.</summary>
public sealed class ResilienceTests(ResilienceHost pix) : IClassFixture<ResilienceHost>
{
    [Fact]
    public async Task TxidLock_IsReleasedBeforeItsConnectionGoesBackToThePool()
    {
        // The pool does not reset sessions (No Reset On Close), so a session lock left behind would stay on an idle
        // pooled connection and block the txid for good. Contention, a PSP timeout and success all release it.
        var txid = PixHost.NewTxid();
        await pix.AddFaultAsync(new JsonObject { ["endpoint"] = "PUT /cob/{txid}", ["txid"] = txid, ["kind"] = "hang", ["count"] = 2 });

        var calls = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => pix.PutCobAsync(txid, PixHost.CobBody())));
        var (retried, _) = await pix.PutCobAsync(txid, PixHost.CobBody());

        Assert.Contains(calls, c => c.Response.StatusCode == HttpStatusCode.ServiceUnavailable);
        Assert.True(retried.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, retried.StatusCode.ToString());
        Assert.Equal(0, await pix.CountAsync($"""
            SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND ((classid::bigint << 32) | objid::bigint) = hashtext('pix.cob:{txid}')::bigint
            """));
    }

    [Fact]
    public async Task PutCob_PspTimesOut_503WithRetryAfterThenRetryFindsOneCharge()
    {
        var txid = PixHost.NewTxid();
        await pix.AddFaultAsync(new JsonObject { ["endpoint"] = "PUT /cob/{txid}", ["txid"] = txid, ["kind"] = "hang", ["count"] = 2 });

        var (timedOut, problem) = await pix.PutCobAsync(txid, PixHost.CobBody());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, timedOut.StatusCode);
        Assert.Equal("https://pix.bcb.gov.br/api/v2/error/ServicoIndisponivel", problem["type"]!.GetValue<string>());
        Assert.NotNull(timedOut.Headers.RetryAfter);
        Assert.Equal(1, await pix.CountAsync($"SELECT count(*) FROM pix.psp_intents WHERE txid = '{txid}'"));

        var (retried, charge) = await pix.PutCobAsync(txid, PixHost.CobBody());

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.NotNull(charge["location"]);
        Assert.Equal(1, await pix.CountAsync($"SELECT count(*) FROM pix.charges WHERE txid = '{txid}'"));
        Assert.Equal(1, await pix.CountAsync($"SELECT count(*) FROM pix.charge_revisions WHERE txid = '{txid}'"));
        var (_, atPsp) = await PixHost.SendAsync(pix.PspClient, HttpMethod.Get, $"v2/cob/{txid}");
        Assert.Equal(0, atPsp["revisao"]!.GetValue<int>());
    }

    [Fact]
    public async Task PutCob_PspCommitsThenDropsResponse_RetryFindsTheCharge()
    {
        var txid = PixHost.NewTxid();
        await pix.AddFaultAsync(new JsonObject { ["endpoint"] = "PUT /cob/{txid}", ["txid"] = txid, ["kind"] = "commitThenDrop", ["count"] = 1 });

        var (response, charge) = await pix.PutCobAsync(txid, PixHost.CobBody());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0, charge["revisao"]!.GetValue<int>());
        Assert.Equal(2, await pix.PspCallsAsync("PUT /cob/{txid}", txid));
        var (_, atPsp) = await PixHost.SendAsync(pix.PspClient, HttpMethod.Get, $"v2/cob/{txid}");
        Assert.Equal(charge["location"]!.GetValue<string>(), atPsp["location"]!.GetValue<string>());
        Assert.Equal(0, atPsp["revisao"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reconciler_PendingIntentAfterTimeout_CompletedWithTheSameTxid()
    {
        var txid = PixHost.NewTxid();
        await pix.AddFaultAsync(new JsonObject { ["endpoint"] = "PUT /cob/{txid}", ["txid"] = txid, ["kind"] = "hang", ["count"] = 2 });
        var (timedOut, _) = await pix.PutCobAsync(txid, PixHost.CobBody("15.00"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, timedOut.StatusCode);

        await PixHost.EventuallyAsync(async () =>
            await pix.CountAsync($"SELECT count(*) FROM pix.psp_results r JOIN pix.psp_intents i ON i.id = r.intent_id WHERE i.txid = '{txid}'") == 1,
            "reconciler recorded the PSP result");

        var (_, charge) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/cob/{txid}");
        Assert.NotNull(charge["location"]);
        Assert.NotNull(charge["pixCopiaECola"]);
    }

    [Fact]
    public async Task PostCob_SameIdempotencyKeyWhileFirstInFlight_409ThenReplay()
    {
        await pix.AddFaultAsync(new JsonObject { ["endpoint"] = "PUT /cob/{txid}", ["kind"] = "hang", ["count"] = 1 });
        var first = PostAsync("in-flight-1");
        await Task.Delay(200);

        var (second, _) = await PostAsync("in-flight-1");
        var (firstResponse, created) = await first;
        var (third, replayed) = await PostAsync("in-flight-1");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(HttpStatusCode.Created, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        Assert.Equal(created["txid"]!.GetValue<string>(), replayed["txid"]!.GetValue<string>());
    }

    private Task<(HttpResponseMessage Response, JsonObject Body)> PostAsync(string key)
    {
        var content = PixHost.Json(PixHost.CobBody("7.77"));
        content.Headers.Add("Idempotency-Key", key);
        return PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Post, "/v2/cob", content);
    }
}
