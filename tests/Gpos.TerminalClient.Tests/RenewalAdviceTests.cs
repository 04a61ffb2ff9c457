using Microsoft.Extensions.Time.Testing;

namespace Gpos.TerminalClient.Tests;

/// <summary>
/// A host that advises renewal early: with a 5-minute lifetime (backdated a minute) and a renewal fraction of 0.1, every
/// response already carries <c>Gpos-Certificate-Renew</c>, while the client's own schedule is minutes away.
/// </summary>
public sealed class EarlyAdviceServer : GposServer
{
    protected override Dictionary<string, string?> Settings => new()
    {
        ["Gpos:Terminals:CertificateLifetime"] = "00:05:00",
        ["Gpos:Terminals:RenewAfterFraction"] = "0.1",
    };
}

public sealed class RenewalAdviceTests(EarlyAdviceServer server) : IClassFixture<EarlyAdviceServer>
{
    [Fact]
    public async Task RenewHeader_OnAnyResponse_TriggersEarlyRenewal()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        using var folder = new TempFolder();
        var (_, store) = await server.EnrollAsync(folder, clock);
        var first = store.LoadIdentity();
        using var agent = TerminalAgent.Open(store, new RenewalPolicy(new Random(4)), clock);
        var scheduled = agent.RenewalDueAt;
        Assert.True(scheduled > clock.GetUtcNow() + TimeSpan.FromMinutes(2), $"own schedule {scheduled}");
        Assert.Equal(RenewalCheckOutcome.NotDue, (await agent.EnsureFreshAsync(CancellationToken.None)).Outcome);

        await agent.Api.WhoAmIAsync(CancellationToken.None); // the response carries Gpos-Certificate-Renew

        Assert.True(agent.RenewalDueAt <= clock.GetUtcNow(), $"due {agent.RenewalDueAt}");
        var check = await agent.EnsureFreshAsync(CancellationToken.None);
        Assert.Equal(RenewalCheckOutcome.Renewed, check.Outcome);
        Assert.NotEqual(first.CertificateSerialNumber, store.LoadIdentity().CertificateSerialNumber);
    }

    [Fact]
    public async Task RenewHeader_WhileRunning_WakesTheLoop()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        using var folder = new TempFolder();
        var (_, store) = await server.EnrollAsync(folder, clock);
        var first = store.LoadIdentity();
        using var agent = TerminalAgent.Open(store, new RenewalPolicy(new Random(5)), clock);
        var renewed = new TaskCompletionSource<RenewalCheck>(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.RenewalChecked += (_, check) => renewed.TrySetResult(check);
        using var stop = new CancellationTokenSource();
        var running = agent.RunAsync(stop.Token);
        await Task.Delay(200);

        await agent.Api.WhoAmIAsync(CancellationToken.None);
        var check = await renewed.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(RenewalCheckOutcome.Renewed, check.Outcome);
        Assert.NotEqual(first.CertificateSerialNumber, store.LoadIdentity().CertificateSerialNumber);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }
}
