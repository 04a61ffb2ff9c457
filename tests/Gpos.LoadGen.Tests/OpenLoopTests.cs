using System.Diagnostics;
using Gpos.LoadGen.Running;

namespace Gpos.LoadGen.Tests;

public sealed class OpenLoopTests
{
    [Fact]
    public void Schedule_IntendedTimes_EvenlySpacedFromTheStart()
    {
        var schedule = new OpenLoopSchedule(200, startTimestamp: 1_000);

        var step = Stopwatch.Frequency / 200.0;
        Assert.Equal(1_000, schedule.IntendedTimestamp(0));
        Assert.Equal(1_000 + (long)Math.Round(step), schedule.IntendedTimestamp(1));
        Assert.Equal(1_000 + (long)Math.Round(1_000 * step), schedule.IntendedTimestamp(1_000));
        Assert.Equal(600, schedule.CountWithin(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void MeasureFrom_SentLate_CountsFromTheIntendedTime()
    {
        Assert.Equal(100, OpenLoopSchedule.MeasureFrom(intendedTimestamp: 100, actualStartTimestamp: 900));
        Assert.Equal(95, OpenLoopSchedule.MeasureFrom(intendedTimestamp: 100, actualStartTimestamp: 95));
    }

    [Fact]
    public async Task OpenLoop_OneStallBlocksLaterSends_TheirWaitCountsInTheirLatency()
    {
        // 100/s for 0.5 s with one operation in flight at most: operation 0 stalls 300 ms, so operations 1..29 (meant for
        // 10..290 ms) cannot start before 300 ms. Measured from their intended times they waited 290..10 ms.
        var result = await LoadRunner.RunPhaseAsync(StallFirst(TimeSpan.FromMilliseconds(300)), new LoadShape(1, 100), TimeSpan.FromMilliseconds(500),
            CancellationToken.None);

        Assert.Equal(50, result.Succeeded);
        Assert.True(result.Latency.P90Ms >= 180, $"p90 {result.Latency.P90Ms} ms: the stall's victims must carry their wait");
        Assert.True(result.Latency.MaxMs >= 290, $"max {result.Latency.MaxMs} ms");
    }

    [Fact]
    public async Task ClosedLoop_SameStall_OnlyTheStalledOperationIsSlow()
    {
        var result = await LoadRunner.RunPhaseAsync(StallFirst(TimeSpan.FromMilliseconds(300)), new LoadShape(1, null), TimeSpan.FromMilliseconds(1500),
            CancellationToken.None);

        Assert.True(result.Succeeded > 50, $"{result.Succeeded} operations in {result.Elapsed}");
        Assert.True(result.Latency.P90Ms < 50, $"p90 {result.Latency.P90Ms} ms");
        Assert.True(result.Latency.MaxMs >= 290);
    }

    [Fact]
    public async Task Run_OperationsFailOrThrow_CountedByKindNotInLatency()
    {
        var result = await LoadRunner.RunPhaseAsync((context, _) => (context.Sequence % 3) switch
        {
            0 => Task.FromResult(OperationResult.Ok),
            1 => Task.FromResult(OperationResult.Fail("HTTP 503")),
            _ => throw new HttpRequestException("refused", null, System.Net.HttpStatusCode.BadGateway),
        }, new LoadShape(1, 300), TimeSpan.FromMilliseconds(100), CancellationToken.None);

        Assert.Equal(30, result.Succeeded + result.Failed);
        Assert.Equal(10, result.Succeeded);
        Assert.Equal(result.Succeeded, result.Latency.Count);
        Assert.Equal(10, result.Errors["HTTP 503"]);
        Assert.Equal(10, result.Errors["HttpRequestException 502"]);
    }

    [Fact]
    public async Task Run_NothingLeftToWorkOn_EndsThePhaseEarly()
    {
        var result = await LoadRunner.RunPhaseAsync((context, _) =>
                Task.FromResult(context.Sequence < 5 ? OperationResult.Ok : OperationResult.Exhausted),
            new LoadShape(1, null), TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.True(result.EndedEarly);
        Assert.Equal(5, result.Succeeded);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(5));
    }

    private static Operation StallFirst(TimeSpan stall) => async (context, cancellationToken) =>
    {
        if (context.Sequence == 0)
        {
            await Task.Delay(stall, cancellationToken);
        }

        return OperationResult.Ok;
    };
}
