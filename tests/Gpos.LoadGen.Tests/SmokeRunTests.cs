using System.Globalization;
using System.Text.Json;
using Gpos.CardHostSimulator;
using Gpos.LoadGen.Hosting;
using Gpos.LoadGen.Measurement;
using Gpos.LoadGen.Reporting;
using Gpos.PspSimulator;
using Gpos.Testing;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Gpos.LoadGen.Tests;

/// <summary>
/// A short run of the whole suite (limits, every scenario and a mix, 2 terminals, about a second each, open loop) against
/// the real host on loopback with both simulators in-process: the generator must do real work and see no error.
/// </summary>
public sealed class SmokeRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Suite_TwoTerminalsOpenLoopForASecondEach_EveryRunSucceedsWithoutErrors()
    {
        var pki = TestPki.Pki;
        await using var cardHost = await CardHostSimulatorServer.StartAsync(new CardHostSimulatorOptions { Port = 0, ControlPort = 0 });
        var pspOptions = PspSimulatorOptions.FromDevPki(pki, port: 0);
        pspOptions.ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning);
        await using var psp = await PspSimulatorServer.StartAsync(pspOptions);
        await using var host = await GposTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Gpos:Cards:TokenKey"] = "loadgen-tests-cards-token-key-0123456789abcdef",
            ["Gpos:Cards:HostAddress"] = "127.0.0.1",
            ["Gpos:Cards:HostPort"] = cardHost.Port.ToString(CultureInfo.InvariantCulture),
        }.WithPsp(psp.BaseAddress));
        var target = new LoadTarget(host.MtlsBase, host.BootstrapBase, psp.BaseAddress, pki, host.Database.AdminConnectionString);
        var options = LoadOptions.Parse(["suite", "--terminals", "2", "--duration", "1s", "--warmup", "100ms", "--notify-pool", "60",
            "--rate", "25", "--mix", "card=2,cob=1,status=1,notify-sim=1"]);

        var report = await SuiteRunner.RunAsync(target, options, "smoke", facts: null, [], output.WriteLine, CancellationToken.None);

        output.WriteLine(TextReport.Render(report));
        Assert.Equal(["bare-mtls", "raw-insert", "handshake"], report.Limits.Select(l => l.Name));
        Assert.Equal(["card", "cob", "status", "notify", "notify-sim", "mix card=2,cob=1,status=1,notify-sim=1"], report.Scenarios.Select(s => s.Name));
        Assert.All(report.Scenarios, s => Assert.StartsWith("open loop, 25 ops/s", s.Load, StringComparison.Ordinal));
        Assert.All(report.Limits, l => Assert.StartsWith("closed loop, 2 in flight", l.Load, StringComparison.Ordinal));
        foreach (var run in report.Limits.Concat(report.Scenarios))
        {
            Assert.True(run.Succeeded > 0, $"{run.Name}: no successful operation");
            Assert.True(run.Failed == 0, $"{run.Name}: {string.Join("; ", run.Errors.Select(e => $"{e.Key} × {e.Value}"))}");
            Assert.True(run.Latency.P50Ms > 0 && run.Latency.MaxMs >= run.Latency.P99Ms);
        }

        var card = report.Scenarios[0];
        // Sampled every 100 ms through the 1 s phase; at 25 sales/s a sample may well find no backend busy, so only the
        // sampling itself is asserted here; the waits of real runs are in docs/performance-latest.md.
        Assert.True(card.DatabaseWaits!["samples"] >= 5, DatabaseWaits.Describe(card.DatabaseWaits));
        Assert.DoesNotContain(card.DatabaseWaits.Keys, k => k.StartsWith("sampling failed", StringComparison.Ordinal));
        Assert.Contains("gc gen0", card.ApiCounters!.Keys);
        // A sale writes at least its authorization and its result, and commits them; a raw INSERT is one row, one commit.
        Assert.True(card.DatabaseWorkPerOperation!["rows inserted"] >= 2, DatabaseWork.Describe(card.DatabaseWorkPerOperation));
        Assert.True(card.DatabaseWorkPerOperation["transactions"] >= 1, DatabaseWork.Describe(card.DatabaseWorkPerOperation));
        Assert.True(card.DatabaseWorkPerOperation["WAL records"] >= 2, DatabaseWork.Describe(card.DatabaseWorkPerOperation));
        Assert.True(report.Limits.Single(l => l.Name == "raw-insert").DatabaseWorkPerOperation!["WAL bytes"] > 0);
        Assert.Contains("delivered to GPOS", report.Scenarios.Single(s => s.Name == "notify-sim").Steps.Keys);
        Assert.Equal(10, report.Scenarios.Single(s => s.Name == "notify").ItemsPerOperation);
        Assert.All(report.Scenarios, s => Assert.Equal(3, s.RatioToLimits!.Count));
        using var json = JsonDocument.Parse(report.ToJson());
        Assert.Equal(6, json.RootElement.GetProperty("scenarios").GetArrayLength());
        Assert.Equal(["card", "cob", "confirm", "delivered to GPOS", "notify-sim", "sale", "status"],
            report.Scenarios[^1].Steps.Keys.Order(StringComparer.Ordinal));
    }
}
