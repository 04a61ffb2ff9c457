using Gpos.LoadGen.Hosting;
using Gpos.LoadGen.Scenarios;

namespace Gpos.LoadGen.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Parse_TheDocumentedCommand_Understood()
    {
        var options = LoadOptions.Parse(["suite", "--duration", "30s", "--out", "docs/perf-report.json", "--rate", "500", "--terminals", "8",
            "--scenarios", "status,card", "--mix", "card=50,cob=30", "--warmup", "0", "--target", "https://localhost:7443"]);

        Assert.Equal(TimeSpan.FromSeconds(30), options.Duration);
        Assert.Equal(TimeSpan.Zero, options.WarmUp);
        Assert.Equal("docs/perf-report.json", options.OutJson);
        Assert.Equal(500, options.Rate);
        Assert.True(options.Shape.IsOpenLoop);
        Assert.Equal(8, options.Concurrency);
        Assert.Equal([ScenarioKind.Card, ScenarioKind.Status], options.Scenarios);
        Assert.Equal(50, options.Mix![ScenarioKind.Card]);
        Assert.Equal(new Uri("https://localhost:7443"), options.Target);
    }

    [Fact]
    public void Defaults_WarmUpLongEnoughForTieredCompilation_PoolCoversAMeasuredPhase()
    {
        var options = LoadOptions.Parse(["suite"]);

        Assert.Equal(TimeSpan.FromSeconds(20), options.WarmUp);
        Assert.Equal(15_000, options.NotifyPool);
    }

    [Theory]
    [InlineData("notify-sim", 20, 5)]
    [InlineData("notify-sim", 2, 2)]
    [InlineData("notify", 20, 20)]
    [InlineData("card", 45, 45)]
    public void WarmUpOf_CapsOnlyTheSimulatorDrivenNotifications(string scenario, double asked, double expected) =>
        Assert.Equal(TimeSpan.FromSeconds(expected), SuiteRunner.WarmUpOf(scenario, TimeSpan.FromSeconds(asked)));

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("2m", 120)]
    [InlineData("15", 15)]
    [InlineData("1.5s", 1.5)]
    public void ParseDuration_Units(string text, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), LoadOptions.ParseDuration("--duration", text, allowZero: false));
    }

    [Theory]
    [InlineData("No command given.")]
    [InlineData("Unknown command 'bench'.", "bench")]
    [InlineData("Unknown option '--speed'.", "suite", "--speed", "3")]
    [InlineData("--duration needs a value.", "suite", "--duration")]
    [InlineData("--duration: 'soon' is not a duration (e.g. 30s, 500ms, 2m).", "suite", "--duration", "soon")]
    [InlineData("--duration: '0s' is not a duration (e.g. 30s, 500ms, 2m).", "suite", "--duration", "0s")]
    [InlineData("--terminals: '0' is not a whole number from 1 to 100000.", "suite", "--terminals", "0")]
    [InlineData("--rate: '-5' is not a rate in operations per second (0 < rate <= 1000000).", "suite", "--rate", "-5")]
    [InlineData("--scenarios: unknown scenario 'refund' (card, cob, status, notify, notify-sim).", "suite", "--scenarios", "card,refund")]
    [InlineData("--mix: 'card' is not scenario=weight (weight 1..1000), e.g. card=50,cob=30,status=20.", "suite", "--mix", "card")]
    [InlineData("--target: 'http://localhost:7443' is not an https URL.", "suite", "--target", "http://localhost:7443")]
    public void Parse_BadCommandLine_SaysWhatIsWrong(string message, params string[] args)
    {
        var error = Assert.Throws<UsageException>(() => LoadOptions.Parse(args));
        Assert.Equal(message, error.Message);
    }
}
