using System.Diagnostics;
using Gpos.CardHostSimulator.Tests.Infrastructure;
using Gpos.Iso8583;

namespace Gpos.CardHostSimulator.Tests;

public sealed class TransportRuleTests : IAsyncLifetime
{
    private static readonly TimeSpan LateDelay = TimeSpan.FromMilliseconds(800);
    private SimulatorHost _host = null!;

    public async Task InitializeAsync() => _host = await SimulatorHost.StartAsync(lateResponseDelay: LateDelay);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Purchase_AmountEnding98_NeverAnsweredButConnectionKeepsServing()
    {
        await using var client = await _host.ConnectAsync();
        await client.SendAsync(Requests.Purchase(stan: 1, amount: 1098));

        Assert.Null(await client.ReceiveAsync(TimeSpan.FromSeconds(1)));
        var next = await client.ExchangeAsync(Requests.Purchase(stan: 2, amount: 1000));
        Assert.Equal(2, next.Stan11);
        var recorded = _host.Server.GetMessages().Single(m => m.Stan == 1);
        Assert.Equal(MessageOutcome.NotAnswered, recorded.Outcome);
        Assert.Null(recorded.ResponseCode);
        Assert.Equal(1, _host.Server.GetStats().NotAnswered);
    }

    [Fact]
    public async Task Purchase_AmountEnding97_AnsweredAfterTheDelayWithoutBlockingLaterRequests()
    {
        await using var client = await _host.ConnectAsync();
        var clock = Stopwatch.StartNew();
        await client.SendAsync(Requests.Purchase(stan: 1, amount: 1097));
        await client.SendAsync(Requests.Purchase(stan: 2, amount: 1000));

        var first = await client.ReceiveAsync(TimeSpan.FromSeconds(5));
        var second = await client.ReceiveAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(2, first?.Stan11);
        Assert.Equal(1, second?.Stan11);
        Assert.Equal("00", second?.ResponseCode39);
        Assert.True(clock.Elapsed >= LateDelay - TimeSpan.FromMilliseconds(50), $"answered after {clock.Elapsed}");
        var stats = _host.Server.GetStats();
        Assert.Equal(1, stats.Delayed);
        Assert.Equal(MessageOutcome.Answered, _host.Server.GetMessages().Single(m => m.Stan == 1).Outcome);
    }

    [Fact]
    public async Task Purchase_AmountEnding97_NotAnsweredWithinTheDelay()
    {
        await using var host = await SimulatorHost.StartAsync(lateResponseDelay: TimeSpan.FromSeconds(3));
        await using var client = await host.ConnectAsync();
        await client.SendAsync(Requests.Purchase(stan: 3, amount: 1097));

        Assert.Null(await client.ReceiveAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal(MessageOutcome.Pending, host.Server.GetMessages().Single().Outcome);
        Assert.Equal(3, (await client.ReceiveAsync(TimeSpan.FromSeconds(10)))?.Stan11);
    }

    [Fact]
    public async Task Purchase_AmountEnding99_ConnectionDroppedAndServerStillServing()
    {
        await using var client = await _host.ConnectAsync();
        await client.SendAsync(Requests.Purchase(stan: 1, amount: 1099));

        Assert.True(await client.WaitClosedAsync(TimeSpan.FromSeconds(5)), "the simulator closes the connection");
        Assert.Null(await client.ReceiveAsync(TimeSpan.FromMilliseconds(100)));
        await using var second = await _host.ConnectAsync();
        Assert.Equal("00", (await second.ExchangeAsync(Requests.Purchase(stan: 2, amount: 1000))).ResponseCode39);
        Assert.Equal(MessageOutcome.ConnectionDropped, _host.Server.GetMessages().Single(m => m.Stan == 1).Outcome);
        Assert.Equal(1, _host.Server.GetStats().ConnectionsDropped);
    }

    [Fact]
    public async Task Reversal_OfNeverAnsweredAmount_StillAcknowledged()
    {
        await using var client = await _host.ConnectAsync();
        var original = Requests.Purchase(stan: 1, amount: 1098);
        await client.SendAsync(original);
        Assert.Null(await client.ReceiveAsync(TimeSpan.FromMilliseconds(300)));

        var ack = await client.ExchangeAsync(Requests.Reversal(original, stan: 2));

        Assert.Equal(Mti.ReversalResponse, ack.Mti);
        Assert.Equal("00", ack.ResponseCode39);
        var reversal = Assert.Single(_host.Server.GetReversals());
        Assert.True(reversal.OriginalFound);
        Assert.Equal(MessageOutcome.NotAnswered, reversal.OriginalOutcome);
    }

    [Fact]
    public async Task Dispose_WithHeldAnswerAndOpenConnection_StopsPromptlyAndClosesTheConnection()
    {
        var host = await SimulatorHost.StartAsync(lateResponseDelay: TimeSpan.FromMinutes(5));
        await using var client = await host.ConnectAsync();
        await client.SendAsync(Requests.Purchase(stan: 1, amount: 1097));
        await client.SendAsync(Requests.Purchase(stan: 2, amount: 1098));
        Assert.NotNull(await client.ExchangeAsync(Requests.Purchase(stan: 3, amount: 1000)));

        var clock = Stopwatch.StartNew();
        await host.DisposeAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopped in {clock.Elapsed}");
        Assert.True(await client.WaitClosedAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(MessageOutcome.Abandoned, host.Server.GetMessages().Single(m => m.Stan == 1).Outcome);
    }
}
