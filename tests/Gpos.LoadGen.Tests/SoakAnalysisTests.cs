using Gpos.LoadGen.Hosting;
using Gpos.LoadGen.Soak;

namespace Gpos.LoadGen.Tests;

/// <summary>The soak's command line and its reading of the circuit from the PSP's call counter.</summary>
public sealed class SoakAnalysisTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_TheDocumentedLongRun_Understood()
    {
        var options = SoakOptions.Parse(["soak", "--duration", "14m", "--outage", "10m", "--rate", "20"]);

        Assert.Equal(TimeSpan.FromMinutes(14), options.Duration);
        Assert.Equal(TimeSpan.FromMinutes(10), options.Outage);
        Assert.Equal(TimeSpan.FromMinutes(1), options.OutageAt);
        Assert.Equal(20, options.Rate);
    }

    [Theory]
    [InlineData("--outage-at + --outage must end before --duration: the run must see the recovery under load.", "soak", "--duration", "10m")]
    [InlineData("Unknown option '--mix'.", "soak", "--mix", "card=1")]
    [InlineData("Unknown command 'suite'.", "suite")]
    public void Parse_BadCommandLine_SaysWhatIsWrong(string message, params string[] args)
    {
        Assert.Equal(message, Assert.Throws<UsageException>(() => SoakOptions.Parse(args)).Message);
    }

    [Fact]
    public void Analyse_CircuitOpensAfterABurstThenOneTrialPerBreak_Held()
    {
        // 60 s outage; the PSP is called 10 times in the first 2 s, then once every 15 s (the half-open trials).
        var samples = Samples(61, s => s <= 2 ? s * 5 : 10 + ((s - 2) / 15));
        var answers = Enumerable.Range(1, 59).Select(s => Unavailable(s)).ToList();

        var report = CircuitAnalysis.Analyse(new OutageWindow(T0, T0.AddSeconds(60)), answers, samples, TimeSpan.FromSeconds(15));

        Assert.Equal(2, report.OpenedAfterSeconds);
        Assert.Equal(10, report.CallsBeforeOpen);
        Assert.Equal(3, report.CallsWhileOpen);
        Assert.True(report.Held);
        Assert.Equal(59, report.CobUnavailable);
    }

    [Fact]
    public void Analyse_PspCalledEverySecond_CircuitNeverOpenNotHeld()
    {
        var samples = Samples(61, s => s * 3);
        var answers = Enumerable.Range(1, 59).Select(s => Unavailable(s)).ToList();

        var report = CircuitAnalysis.Analyse(new OutageWindow(T0, T0.AddSeconds(60)), answers, samples, TimeSpan.FromSeconds(15));

        Assert.Null(report.OpenedAfterSeconds);
        Assert.False(report.Held);
    }

    [Fact]
    public void Analyse_OpenButCalledTooOftenOrAnswered500_NotHeld()
    {
        // Open from 2 s (no call for a while), then a call every 2 s: far more than one trial per 15 s break.
        var samples = Samples(61, s => s <= 2 ? s * 5 : s < 6 ? 10 : 10 + (s / 2));
        var answers = Enumerable.Range(1, 59).Select(s => Unavailable(s)).Append(new CobAnswer(T0.AddSeconds(30), T0.AddSeconds(30.1), 500, false)).ToList();

        var report = CircuitAnalysis.Analyse(new OutageWindow(T0, T0.AddSeconds(60)), answers, samples, TimeSpan.FromSeconds(15));

        Assert.NotNull(report.OpenedAfterSeconds);
        Assert.True(report.CallsWhileOpen > report.CallsAllowedWhileOpen);
        Assert.Equal(1, report.CobOtherAnswers);
        Assert.False(report.Held);
    }

    private static CobAnswer Unavailable(int second) => new(T0.AddSeconds(second), T0.AddSeconds(second + 0.5), 503, true);

    private static List<SoakSample> Samples(int seconds, Func<int, long> calls) =>
        Enumerable.Range(0, seconds + 1).Select(s => new SoakSample(T0.AddSeconds(s), calls(s), 0)).ToList();
}
