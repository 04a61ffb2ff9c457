using System.Text.Json.Nodes;

namespace Gpos.PspSimulator.Tests;

public sealed class ResetTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Reset_ForgetsChargesCallsAndWebhooks()
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid);

        var (status, _) = await fixture.SendAsync(HttpMethod.Post, "control/reset");
        var (get, _) = await fixture.SendAsync(HttpMethod.Get, $"v2/cob/{txid}");
        var calls = await fixture.CallsAsync();
        var (webhook, _) = await fixture.SendAsync(HttpMethod.Get, $"v2/webhook/{SimulatorFixture.Chave}");

        Assert.Equal(204, status);
        Assert.Equal(404, get);
        Assert.Equal(1, (int)calls["total"]!);
        Assert.Equal(404, webhook);
        // Restore the fixture's webhook for any later test in this class.
        await fixture.SendAsync(HttpMethod.Put, $"v2/webhook/{SimulatorFixture.Chave}", new JsonObject { ["webhookUrl"] = fixture.Receiver.BaseAddress.ToString() });
    }
}
