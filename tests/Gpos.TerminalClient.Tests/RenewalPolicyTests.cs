namespace Gpos.TerminalClient.Tests;

public sealed class RenewalPolicyTests
{
    private static readonly DateTimeOffset NotBefore = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NotAfter = NotBefore.AddDays(7);

    [Fact]
    public void ScheduleRenewal_ManyTerminals_SpreadAroundTwoThirdsWithinJitter()
    {
        var policy = new RenewalPolicy(new Random(7));
        var lifetime = NotAfter - NotBefore;

        var times = Enumerable.Range(0, 1000).Select(_ => policy.ScheduleRenewal(NotBefore, NotAfter, NotBefore)).ToList();

        Assert.All(times, t => Assert.InRange(t, NotBefore + (lifetime * (2.0 / 3 - 0.05)), NotBefore + (lifetime * (2.0 / 3 + 0.05))));
        Assert.True(times.Distinct().Count() > 900, "jitter spreads a fleet enrolled together");
        Assert.True(times.Max() - times.Min() > lifetime * 0.09);
    }

    [Fact]
    public void ScheduleRenewal_SameSeed_SameSchedule()
    {
        var a = new RenewalPolicy(new Random(42)).ScheduleRenewal(NotBefore, NotAfter, NotBefore);
        var b = new RenewalPolicy(new Random(42)).ScheduleRenewal(NotBefore, NotAfter, NotBefore);

        Assert.Equal(a, b);
    }

    [Fact]
    public void ScheduleRenewal_ReceivedLate_NeverAfterTheSafetyMarginBeforeExpiry()
    {
        var policy = new RenewalPolicy(new Random(1));

        var at = policy.ScheduleRenewal(NotBefore, NotAfter, NotAfter.AddHours(-1));

        Assert.Equal(policy.LatestRenewal(NotBefore, NotAfter), at);
        Assert.True(at < NotAfter);
    }

    [Fact]
    public void ScheduleRenewal_ClockAheadOfServer_WaitsAMinimumAgeInsteadOfRenewingAtOnce()
    {
        var policy = new RenewalPolicy(new Random(1));
        var now = NotBefore + ((NotAfter - NotBefore) * 0.8);

        var at = policy.ScheduleRenewal(NotBefore, NotAfter, now);

        Assert.True(at > now);
    }

    [Fact]
    public void Due_ServerAdvisedEarlier_AdviceWins()
    {
        var scheduled = NotBefore.AddDays(5);

        Assert.Equal(NotBefore.AddDays(1), RenewalPolicy.Due(scheduled, NotBefore.AddDays(1)));
        Assert.Equal(scheduled, RenewalPolicy.Due(scheduled, NotBefore.AddDays(6)));
        Assert.Equal(scheduled, RenewalPolicy.Due(scheduled, null));
    }

    [Fact]
    public void Backoff_ConsecutiveFailures_DoublesWithJitterUpToTheMaximum()
    {
        var policy = new RenewalPolicy(new Random(9)) { InitialBackoff = TimeSpan.FromSeconds(10), MaximumBackoff = TimeSpan.FromMinutes(5) };

        Assert.InRange(policy.Backoff(1), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12));
        Assert.InRange(policy.Backoff(2), TimeSpan.FromSeconds(16), TimeSpan.FromSeconds(24));
        Assert.InRange(policy.Backoff(4), TimeSpan.FromSeconds(64), TimeSpan.FromSeconds(96));
        Assert.InRange(policy.Backoff(40), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6));
    }

    [Fact]
    public void NextAttempt_LongBackoff_DoesNotSleepThroughTheLastPlannedMoment()
    {
        var policy = new RenewalPolicy(new Random(9)) { MaximumBackoff = TimeSpan.FromDays(2) };
        var now = NotAfter.AddDays(-1);

        var next = policy.NextAttempt(30, now, NotBefore, NotAfter);

        Assert.Equal(policy.LatestRenewal(NotBefore, NotAfter), next);
        Assert.True(next < NotAfter);
    }
}
