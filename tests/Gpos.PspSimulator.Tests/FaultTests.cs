using System.Diagnostics;
using System.Text.Json.Nodes;
using Gpos.Testing;

namespace Gpos.PspSimulator.Tests;

public sealed class FaultTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Latency_DelaysTheAnswer()
    {
        var txid = SimulatorFixture.NewTxid();
        await AddFaultAsync(new JsonObject { ["endpoint"] = "PUT /v2/cob/{txid}", ["txid"] = txid, ["kind"] = "latency", ["latencyMs"] = 600, ["count"] = 1 });

        var watch = Stopwatch.StartNew();
        await fixture.CreateCobAsync(txid);

        Assert.True(watch.ElapsedMilliseconds >= 550, $"answered in {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Error_TwiceThenSuccess_NothingCommittedWhileFailing()
    {
        var txid = SimulatorFixture.NewTxid();
        await AddFaultAsync(new JsonObject { ["endpoint"] = "PUT /cob/{txid}", ["txid"] = txid, ["kind"] = "error", ["status"] = 503, ["count"] = 2, ["retryAfter"] = 2 });

        using var first = await fixture.Client.PutAsync(SimulatorFixture.Rel($"v2/cob/{txid}"), SimulatorFixture.Json(SimulatorFixture.CobBody()));
        var problem = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var (getStatus, _) = await fixture.SendAsync(HttpMethod.Get, $"v2/cob/{txid}");
        var (second, _) = await fixture.SendAsync(HttpMethod.Put, $"v2/cob/{txid}", SimulatorFixture.CobBody());
        var (third, _) = await fixture.SendAsync(HttpMethod.Put, $"v2/cob/{txid}", SimulatorFixture.CobBody());

        Assert.Equal(503, (int)first.StatusCode);
        Assert.Equal("2", first.Headers.RetryAfter?.ToString());
        Assert.Equal("https://pix.bcb.gov.br/api/v2/error/ServicoIndisponivel", (string?)problem["type"]);
        Assert.Equal(404, getStatus);
        Assert.Equal(503, second);
        Assert.Equal(201, third);
    }

    [Fact]
    public async Task Hang_ClientTimesOut_AndNothingIsCommitted()
    {
        var txid = SimulatorFixture.NewTxid();
        await AddFaultAsync(new JsonObject { ["endpoint"] = "PUT /cob/{txid}", ["txid"] = txid, ["kind"] = "hang", ["count"] = 1 });
        using var client = TestHttp.Create(fixture.Server.BaseAddress, TestPki.Merchant("m1"));
        client.Timeout = TimeSpan.FromSeconds(1);

        await Assert.ThrowsAsync<TaskCanceledException>(() =>
            client.PutAsync(SimulatorFixture.Rel($"v2/cob/{txid}"), SimulatorFixture.Json(SimulatorFixture.CobBody())));

        var (status, _) = await fixture.SendAsync(HttpMethod.Get, $"v2/cob/{txid}");
        Assert.Equal(404, status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CommitThenDrop_ClientSeesConnectionError_ButTheChargeExists(bool afterHeaders)
    {
        var txid = SimulatorFixture.NewTxid();
        await AddFaultAsync(new JsonObject { ["endpoint"] = "PUT /cob/{txid}", ["txid"] = txid, ["kind"] = "commitThenDrop", ["count"] = 1, ["afterHeaders"] = afterHeaders });
        using var client = TestHttp.Create(fixture.Server.BaseAddress, TestPki.Merchant("m1"));

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.PutAsync(SimulatorFixture.Rel($"v2/cob/{txid}"), SimulatorFixture.Json(SimulatorFixture.CobBody())));

        var (status, cob) = await fixture.SendAsync(HttpMethod.Get, $"v2/cob/{txid}");
        Assert.Equal(200, status);
        Assert.Equal("ATIVA", (string?)cob["status"]);
        var (retry, again) = await fixture.SendAsync(HttpMethod.Put, $"v2/cob/{txid}", SimulatorFixture.CobBody());
        Assert.Equal(201, retry);
        Assert.Equal(0, (int)again["revisao"]!);
    }

    [Fact]
    public async Task Calls_CountedPerEndpointAndTxid()
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid);
        await fixture.CreateCobAsync(txid);
        await fixture.SendAsync(HttpMethod.Get, $"cob/{txid}");

        var calls = await fixture.CallsAsync();

        Assert.Equal(2, (int)calls["endpoints"]!["PUT /cob/{txid}"]!["keys"]![txid]!);
        Assert.Equal(1, (int)calls["endpoints"]!["GET /cob/{txid}"]!["keys"]![txid]!);
    }

    [Fact]
    public async Task Faults_ListedAndCleared()
    {
        await AddFaultAsync(new JsonObject { ["endpoint"] = "GET /pix/{e2eid}", ["kind"] = "error", ["status"] = 500 });
        var (_, listed) = await fixture.SendAsync(HttpMethod.Get, "control/faults");
        var (bad, _) = await fixture.SendAsync(HttpMethod.Post, "control/faults", new JsonObject { ["kind"] = "error", ["status"] = 404 });
        var (cleared, _) = await fixture.SendAsync(HttpMethod.Delete, "control/faults");
        var (_, after) = await fixture.SendAsync(HttpMethod.Get, "control/faults");

        Assert.Contains(listed["faults"]!.AsArray(), f => (string?)f!["endpoint"] == "GET /pix/{e2eid}");
        Assert.Equal(400, bad);
        Assert.Equal(204, cleared);
        Assert.Empty(after["faults"]!.AsArray());
    }

    private async Task AddFaultAsync(JsonObject fault)
    {
        var (status, body) = await fixture.SendAsync(HttpMethod.Post, "control/faults", fault);
        Assert.True(status == 201, body.ToJsonString());
    }
}
