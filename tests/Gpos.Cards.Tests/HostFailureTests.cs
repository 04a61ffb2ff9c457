using Gpos.Cards.Tests.Infrastructure;
using Gpos.CardHostSimulator;
using static Gpos.Cards.Tests.Infrastructure.CardsApi;

namespace Gpos.Cards.Tests;

/// <summary>Link failures and restarts, each with its own GPOS host and simulator (issue 9, "Done when").</summary>
public sealed class HostFailureTests
{
    [Fact]
    public async Task ConnectionDroppedMidRequest_DeclinedAndReversedAfterReconnect()
    {
        await using var environment = await CardsEnvironment.StartAsync();
        using var client = Terminal(environment.Host, NewTerminalId());

        using var created = await SaleAsync(client, 9099); // the simulator closes the connection without answering

        var sale = await JsonAsync(created);
        var id = sale.GetProperty("id").GetString()!;
        Assert.Equal("declined", sale.GetProperty("status").GetString());
        Assert.Equal("connection-lost", sale.GetProperty("reversalReason").GetString());
        await WaitForReversalAcknowledgedAsync(environment.Host, id);
        Assert.True(environment.Simulator.GetStats().ConnectionsAccepted >= 2);
        var rrn = sale.GetProperty("rrn").GetString();
        Assert.Contains(environment.Simulator.GetMessages(1000), m => m.Rrn == rrn && m.Mti == "0200" && m.Reversed);
        await AssertLedgerCleanAsync(environment.Host);
    }

    [Fact]
    public async Task Restart_WithReversalsQueued_TheyCompleteAfterRestart()
    {
        await using var environment = await CardsEnvironment.StartAsync();
        environment.Simulator.SetFaults(new FaultSettings(FaultMode.Silent, Mtis: ["0400", "0401"]));
        using (var client = Terminal(environment.Host, NewTerminalId()))
        {
            var ids = new List<string>();
            foreach (var amount in new long[] { 9198, 9298 })
            {
                using var created = await SaleAsync(client, amount);
                ids.Add((await JsonAsync(created)).GetProperty("id").GetString()!);
            }

            await EventuallyAsync(async () => await environment.Host.Database.AdminScalarAsync<long>(
                "SELECT count(*) FROM cards.reversal_attempts WHERE outcome = 'timeout'") >= 2, TimeSpan.FromSeconds(20));
            using (var ops = environment.Host.OpsClient())
            {
                var pending = await GetJsonAsync(ops, "/ops/v1/cards/reversals?pending=true");
                Assert.Equal(2, pending.GetArrayLength());
                Assert.All(pending.EnumerateArray(), r => Assert.Equal("timeout", r.GetProperty("reason").GetString()));
            }

            await environment.RestartAsync();
            environment.Simulator.SetFaults(FaultSettings.None);

            foreach (var id in ids)
            {
                await WaitForReversalAcknowledgedAsync(environment.Host, id);
            }
        }

        var reversals = environment.Simulator.GetReversals();
        Assert.Contains(reversals, r => r.Mti == "0401" && r.Acknowledged);
        Assert.Equal(0L, await environment.Host.Database.AdminScalarAsync<long>(
            "SELECT count(*) FROM cards.saf_queue WHERE completed_at IS NULL"));
        await AssertLedgerCleanAsync(environment.Host);
    }

    [Fact]
    public async Task DeadHost_SalesFailFastAndAreNotReversed()
    {
        var port = Gpos.Testing.GposTestHost.FreePort(); // nothing listens here
        await using var host = await Gpos.Testing.GposTestHost.StartAsync(CardsEnvironment.Settings(port));
        using var client = Terminal(host, NewTerminalId());

        var started = DateTime.UtcNow;
        using var created = await SaleAsync(client, 1000);

        var sale = await JsonAsync(created);
        Assert.Equal("declined", sale.GetProperty("status").GetString());
        Assert.Equal("not-connected", sale.GetProperty("reason").GetString());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        Assert.Equal(0L, await host.Database.AdminScalarAsync<long>("SELECT count(*) FROM cards.reversals"));
        using var ops = host.OpsClient();
        var link = await GetJsonAsync(ops, "/ops/v1/cards/link");
        Assert.False(link.GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task GarbageAndUnmatchedResponses_CountedAndLogged_ChannelKeepsServing()
    {
        await using var cardHost = new MisbehavingCardHost();
        await using var host = await Gpos.Testing.GposTestHost.StartAsync(CardsEnvironment.Settings(cardHost.Port));
        using var ops = host.OpsClient();
        await EventuallyAsync(async () => (await GetJsonAsync(ops, "/ops/v1/cards/link")).GetProperty("signedOn").GetBoolean(),
            TimeSpan.FromSeconds(15));
        using var client = Terminal(host, NewTerminalId());

        using var first = await SaleAsync(client, 1000);
        using var second = await SaleAsync(client, 2000);

        Assert.Equal("approved", (await JsonAsync(first)).GetProperty("status").GetString());
        Assert.Equal("approved", (await JsonAsync(second)).GetProperty("status").GetString());
        var link = await GetJsonAsync(ops, "/ops/v1/cards/link");
        Assert.True(link.GetProperty("connected").GetBoolean());
        Assert.Equal(1L, link.GetProperty("connectionId").GetInt64());
        Assert.True(link.GetProperty("unparseableResponses").GetInt64() >= 2);
        Assert.True(link.GetProperty("unmatchedResponses").GetInt64() >= 2);
        Assert.Contains("does not parse", host.Logs.All, StringComparison.Ordinal);
        Assert.Contains("matches no outstanding request", host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoInstances_EachQueuedReversalSentByExactlyOne()
    {
        await using var environment = await CardsEnvironment.StartAsync();
        environment.Simulator.SetFaults(new FaultSettings(FaultMode.Silent, Mtis: ["0400", "0401"]));
        using var client = Terminal(environment.Host, NewTerminalId());
        var ids = await Task.WhenAll(Enumerable.Range(1, 20).Select(async i =>
        {
            using var created = await SaleAsync(client, (i * 1000) + 98);
            return (await JsonAsync(created)).GetProperty("id").GetString()!;
        }));
        await environment.StartSecondInstanceAsync();

        environment.Simulator.SetFaults(FaultSettings.None);
        foreach (var id in ids)
        {
            await WaitForReversalAcknowledgedAsync(environment.Host, id);
        }

        Assert.Equal(20L, await environment.Host.Database.AdminScalarAsync<long>(
            "SELECT count(*) FROM cards.reversal_attempts WHERE outcome = 'acknowledged'"));
        Assert.Equal(0L, await environment.Host.Database.AdminScalarAsync<long>("""
            SELECT count(*) FROM (SELECT reversal_id, attempt FROM cards.reversal_attempts
                                  GROUP BY reversal_id, attempt HAVING count(*) > 1) d
            """));
        // Held (silent) first attempts make the simulator flag the repeats as duplicates; acknowledgements show the sends.
        Assert.Equal(20, environment.Simulator.GetReversals().Count(r => r.Acknowledged));
    }
}
