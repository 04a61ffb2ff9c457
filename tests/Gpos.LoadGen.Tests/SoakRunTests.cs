using System.Globalization;
using Gpos.CardHostSimulator;
using Gpos.LoadGen.Hosting;
using Gpos.LoadGen.Soak;
using Gpos.PspSimulator;
using Gpos.Testing;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Gpos.LoadGen.Tests;

/// <summary>
/// The soak's code path, CI-sized (issue 12): 40 s of mixed load on the real host with both simulators, a fault from the
/// schedule every 2 s (PSP, card host, webhooks), a 10 s PSP outage, the drain and the audit. The long run is the same code
/// with production settings (docs/reliability.md, "Soak").
/// </summary>
public sealed class SoakRunTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Serilog:MinimumLevel:Default"] = "Warning",
        ["Gpos:Cards:TokenKey"] = "loadgen-soak-cards-token-key-0123456789abcdef",
        ["Gpos:Cards:HostAddress"] = "127.0.0.1",
        ["Gpos:Cards:RequestTimeout"] = "00:00:02",
        ["Gpos:Cards:ConfirmationWindow"] = "00:00:03",
        ["Gpos:Cards:WorkerInterval"] = "00:00:00.200",
        ["Gpos:Cards:ReversalRetryDelay"] = "00:00:00.200",
        ["Gpos:Cards:ReversalMaxRetryDelay"] = "00:00:01",
        ["Gpos:Pix:AttemptTimeout"] = "00:00:01",
        ["Gpos:Pix:TotalTimeout"] = "00:00:03",
        ["Gpos:Pix:BreakerBreakDuration"] = "00:00:02",
        ["Gpos:Pix:BreakerSamplingDuration"] = "00:00:05",
        ["Gpos:Pix:BreakerMinimumThroughput"] = "5",
        ["Gpos:Pix:ReconcileInterval"] = "00:00:01",
        ["Gpos:Pix:ReconcileMinimumAge"] = "00:00:02",
    };

    [Fact]
    public async Task Soak_HalfAMinuteWithFaultsAndAPspOutage_NothingLostNothingDoubledEverythingConverges()
    {
        var pki = TestPki.Pki;
        await using var cardHost = await CardHostSimulatorServer.StartAsync(new CardHostSimulatorOptions { Port = 0, ControlPort = 0 });
        var pspOptions = PspSimulatorOptions.FromDevPki(pki, port: 0);
        pspOptions.ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning);
        pspOptions.WebhookRetryDelays.Clear();
        pspOptions.WebhookRetryDelays.Add(TimeSpan.FromMilliseconds(300));
        pspOptions.WebhookRetryDelays.Add(TimeSpan.FromSeconds(1));
        await using var psp = await PspSimulatorServer.StartAsync(pspOptions);
        var settings = new Dictionary<string, string?>(Settings)
        {
            ["Gpos:Cards:HostPort"] = cardHost.Port.ToString(CultureInfo.InvariantCulture),
        };
        await using var host = await GposTestHost.StartAsync(settings.WithPsp(psp.BaseAddress));
        var target = new SoakTarget(new LoadTarget(host.MtlsBase, host.BootstrapBase, psp.BaseAddress, pki, host.Database.AdminConnectionString),
            cardHost.ControlAddress, new GposResilience(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2),
                Settings.Where(s => s.Key.StartsWith("Gpos:Pix", StringComparison.Ordinal) || s.Key.Contains("Timeout", StringComparison.Ordinal))
                    .ToDictionary(s => s.Key, s => s.Value!)));
        // A fault every 2 s: denser PSP faults (every 4 s) keep the 5 s breaker window above half failures after the outage,
        // and then no charge is created before the load ends (seen with a fault every second).
        var options = SoakOptions.Parse(["soak", "--duration", "40s", "--outage-at", "6s", "--outage", "10s", "--rate", "15", "--terminals", "4",
            "--fault-every", "2s", "--drain", "60s"]);

        var report = await SoakRunner.RunAsync(target, options, "soak (CI)", output.WriteLine, CancellationToken.None);

        output.WriteLine(report.Render());
        Assert.True(report.Passed, string.Join("\n", report.Failures));
        Assert.All(report.Counters, c => Assert.Equal(0, c.Value));
        Assert.True(report.Operations >= 300, $"too little load: {report.Operations} operations");
        Assert.True(report.OperationsByKind.Count == 5, string.Join(", ", report.OperationsByKind.Keys));
        Assert.True(report.BadInputs > 0);
        // The schedule really ran: PSP and card host faults, webhook replays, and the outage.
        Assert.Contains(report.FaultsInjected.Keys, k => k.StartsWith("psp outage", StringComparison.Ordinal));
        Assert.True(report.FaultsInjected.Keys.Count(k => k.StartsWith("card host", StringComparison.Ordinal)) >= 4, string.Join(", ", report.FaultsInjected.Keys));
        Assert.True(report.FaultsInjected.Keys.Count(k => k.StartsWith("psp ", StringComparison.Ordinal)) >= 3, string.Join(", ", report.FaultsInjected.Keys));
        Assert.Contains(report.FaultsInjected.Keys, k => k.StartsWith("webhook", StringComparison.Ordinal));
        // The outage: proper 503s, the circuit opened and held, and every charge intent reached the PSP afterwards.
        var outage = report.Outage!;
        Assert.True(outage.CobUnavailable >= 5, $"{outage.CobUnavailable} charge creations answered 503 during the outage");
        Assert.Equal(0, outage.CobOtherAnswers);
        Assert.NotNull(outage.OpenedAfterSeconds);
        Assert.InRange(outage.CallsWhileOpen, 0, outage.CallsAllowedWhileOpen);
        Assert.True(outage.PendingIntentsAtEnd > 0, "no charge was left waiting for the PSP by the outage");
        Assert.NotNull(outage.IntentsSettledAfterSeconds);
        Assert.NotNull(outage.FirstChargeAfterSeconds);
        // The audit looked at real objects.
        Assert.All(report.Checks.Where(c => c.Counter != SoakAudit.Ledger), c => Assert.True(c.Checked > 0, $"{c.Name}: nothing checked"));
    }
}
