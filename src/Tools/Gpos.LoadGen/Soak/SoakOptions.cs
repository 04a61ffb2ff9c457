using System.Globalization;
using Gpos.LoadGen.Hosting;

namespace Gpos.LoadGen.Soak;

/// <summary>Everything the soak command can be told (see <see cref="Usage"/>).</summary>
internal sealed record SoakOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project src/Tools/Gpos.LoadGen -- soak [options]

          starts PostgreSQL, the PSP and card host simulators and GPOS (this build), enrolls the terminals and runs a
          sustained mixed load (card sale + confirm/undo, Pix cob, status, payments at the PSP that notify GPOS, bad
          inputs) while a fault schedule runs against both simulators, with one PSP outage inside the run. Then faults
          off, a bounded drain, and the audit: acknowledged but lost 0, double effects 0, sales left pending 0, every
          charge equal to the PSP's, ledger balanced and verified. Exit code 1 when an invariant fails.

          --duration T         load time                                                        (default 14m)
          --outage T           PSP outage length (every API Pix call answers 503)               (default 10m)
          --outage-at T        outage start, from the start of the load                          (default 1m)
          --rate R             operations started per second (open loop)                         (default 20)
          --concurrency N      most operations in flight                                         (default 64)
          --terminals N        virtual terminals, each enrolled with its own certificate         (default 8)
          --fault-every T      one fault from the schedule (PSP, card host, webhook) this often  (default 15s)
          --drain T            longest wait for SAF, reconciler and webhooks to settle           (default 5m)
          --out FILE           JSON report                                           (default docs/soak-report.json)
          --markdown FILE      text report                                           (default docs/soak-latest.md)
        """;

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(14);

    public TimeSpan Outage { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan OutageAt { get; init; } = TimeSpan.FromMinutes(1);

    public double Rate { get; init; } = 20;

    public int Concurrency { get; init; } = 64;

    public int Terminals { get; init; } = 8;

    public TimeSpan FaultEvery { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan Drain { get; init; } = TimeSpan.FromMinutes(5);

    public string? OutJson { get; init; }

    public string? OutMarkdown { get; init; }

    /// <summary>Parses <c>soak [options]</c>.</summary>
    /// <exception cref="UsageException">An unknown option, a missing or malformed value, an outage that does not fit.</exception>
    public static SoakOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0] != "soak")
        {
            throw new UsageException(args.Count == 0 ? "No command given." : $"Unknown command '{args[0]}'.");
        }

        var options = new SoakOptions();
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                throw new UsageException($"{name} needs a value.");
            }

            var value = args[++i];
            options = name switch
            {
                "--duration" => options with { Duration = LoadOptions.ParseDuration(name, value, allowZero: false) },
                "--outage" => options with { Outage = LoadOptions.ParseDuration(name, value, allowZero: true) },
                "--outage-at" => options with { OutageAt = LoadOptions.ParseDuration(name, value, allowZero: true) },
                "--rate" => options with { Rate = ParseRate(name, value) },
                "--concurrency" => options with { Concurrency = Positive(name, value) },
                "--terminals" => options with { Terminals = Positive(name, value) },
                "--fault-every" => options with { FaultEvery = LoadOptions.ParseDuration(name, value, allowZero: false) },
                "--drain" => options with { Drain = LoadOptions.ParseDuration(name, value, allowZero: false) },
                "--out" => options with { OutJson = value },
                "--markdown" => options with { OutMarkdown = value },
                _ => throw new UsageException($"Unknown option '{name}'."),
            };
        }

        if (options.Outage > TimeSpan.Zero && options.OutageAt + options.Outage >= options.Duration)
        {
            throw new UsageException("--outage-at + --outage must end before --duration: the run must see the recovery under load.");
        }

        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 10_000
            ? n
            : throw new UsageException($"{name}: '{value}' is not a whole number from 1 to 10000.");

    private static double ParseRate(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0 && rate <= 10_000
            ? rate
            : throw new UsageException($"{name}: '{value}' is not a rate in operations per second (0 < rate <= 10000).");
}
