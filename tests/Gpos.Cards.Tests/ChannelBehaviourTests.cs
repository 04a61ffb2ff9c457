using Gpos.Cards.Tests.Infrastructure;
using Gpos.CardHostSimulator;
using static Gpos.Cards.Tests.Infrastructure.CardsApi;

namespace Gpos.Cards.Tests;

/// <summary>Sign-on, echo when idle, and the circuit breaker, against the simulator over TCP.</summary>
public sealed class ChannelBehaviourTests
{
    [Fact]
    public async Task Link_SignsOnAtConnect_AndEchoesWhenIdle()
    {
        await using var environment = await CardsEnvironment.StartAsync(new Dictionary<string, string?>
        {
            ["Gpos:Cards:EchoInterval"] = "00:00:00.600",
        });

        await EventuallyAsync(() => Task.FromResult(
            environment.Simulator.GetStats().NetworkManagementByCode.GetValueOrDefault("301") >= 2), TimeSpan.FromSeconds(10));

        var stats = environment.Simulator.GetStats();
        Assert.Equal(1, stats.NetworkManagementByCode["001"]);
        Assert.Equal(1, stats.ConnectionsAccepted);
    }

    [Fact]
    public async Task Breaker_OpensAfterTimeouts_ThenSalesFailFastWithoutReversal()
    {
        await using var environment = await CardsEnvironment.StartAsync(new Dictionary<string, string?>
        {
            ["Gpos:Cards:BreakerMinimumThroughput"] = "2",
            ["Gpos:Cards:BreakerFailureRatio"] = "0.5",
            ["Gpos:Cards:BreakerBreakDuration"] = "00:01:00",
        });
        environment.Simulator.SetFaults(new FaultSettings(FaultMode.Silent, Mtis: ["0200"]));
        using var client = Terminal(environment.Host, NewTerminalId());
        (await SaleAsync(client, 1000)).Dispose();
        (await SaleAsync(client, 1100)).Dispose();

        using var fast = await SaleAsync(client, 1200);

        var sale = await JsonAsync(fast);
        Assert.Equal("declined", sale.GetProperty("status").GetString());
        Assert.Equal("circuit-open", sale.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKindNull, sale.GetProperty("reversalReason").ValueKind);
        using var ops = environment.Host.OpsClient();
        Assert.Equal("Open", (await GetJsonAsync(ops, "/ops/v1/cards/link")).GetProperty("circuitState").GetString());
        var pending = await GetJsonAsync(ops, "/ops/v1/cards/reversals");
        Assert.Equal(2, pending.GetArrayLength()); // the two timed-out sales, not the one that was never sent
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
