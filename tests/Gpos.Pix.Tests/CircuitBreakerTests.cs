using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Gpos.Pix.Tests;

/// <summary>A breaker that opens after 4 calls at 50 % failures and stays open 1 s; no retries, no reconciler noise.</summary>
public sealed class BreakerHost : PixHost
{
    protected override IDictionary<string, string?> PixSettings => new Dictionary<string, string?>
    {
        ["Gpos:Pix:AttemptTimeout"] = "00:00:01",
        ["Gpos:Pix:TotalTimeout"] = "00:00:03",
        ["Gpos:Pix:MaxRetryAttempts"] = "0",
        ["Gpos:Pix:BreakerFailureRatio"] = "0.5",
        ["Gpos:Pix:BreakerMinimumThroughput"] = "4",
        ["Gpos:Pix:BreakerSamplingDuration"] = "00:00:10",
        ["Gpos:Pix:BreakerBreakDuration"] = "00:00:01",
        ["Gpos:Pix:ReconcileInterval"] = "00:10:00",
    };
}

/// <summary>Runs alone (no other test class of this assembly in parallel): it measures how fast the open breaker answers.</summary>
[CollectionDefinition(nameof(CircuitBreakerTests), DisableParallelization = true)]
public sealed class RunsAlone;

[Collection(nameof(CircuitBreakerTests))]
public sealed class CircuitBreakerTests(BreakerHost pix) : IClassFixture<BreakerHost>
{
    [Fact]
    public async Task PutCob_PspFailing_CircuitOpensFailsFastThenClosesAfterRecovery()
    {
        await pix.AddFaultAsync(new JsonObject { ["endpoint"] = "PUT /cob/{txid}", ["kind"] = "error", ["status"] = 500 });
        for (var i = 0; i < 5; i++)
        {
            var (failed, _) = await pix.PutCobAsync(PixHost.NewTxid(), PixHost.CobBody());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        var callsWhenOpened = await TotalPutCallsAsync();
        var elapsed = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            var (open, problem) = await pix.PutCobAsync(PixHost.NewTxid(), PixHost.CobBody());
            elapsed.Add(watch.ElapsedMilliseconds);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, open.StatusCode);
            Assert.Equal("https://pix.bcb.gov.br/api/v2/error/ServicoIndisponivel", problem["type"]!.GetValue<string>());
            Assert.NotNull(open.Headers.RetryAfter);
        }

        // Fail fast means: the PSP is not called and nothing waits on it. The attempt timeout is 1 s, so an answer well
        // under it proves the breaker answered, not the PSP. The < 50 ms figure of issue 7 is a performance target and
        // belongs in a benchmark, not in a timed test that other test processes on 2 cores can delay.
        Assert.All(elapsed, ms => Assert.True(ms < 500, $"answered in {ms} ms while the circuit is open: it waited on the PSP"));
        Assert.Equal(callsWhenOpened, await TotalPutCallsAsync());

        await pix.ClearFaultsAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(1200));
        var (recovered, _) = await pix.PutCobAsync(PixHost.NewTxid(), PixHost.CobBody());
        var (again, _) = await pix.PutCobAsync(PixHost.NewTxid(), PixHost.CobBody());

        Assert.Equal(HttpStatusCode.Created, recovered.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    private async Task<int> TotalPutCallsAsync()
    {
        var (_, body) = await PixHost.SendAsync(pix.PspClient, HttpMethod.Get, "control/calls");
        return body["endpoints"]?["PUT /cob/{txid}"]?["total"]?.GetValue<int>() ?? 0;
    }
}
