using System.Globalization;
using Gpos.LoadGen.Running;
using Gpos.LoadGen.Scenarios;

namespace Gpos.LoadGen.Hosting;

/// <summary>A command line the load generator cannot use; the message says what is wrong.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>Everything the suite can be told (see <see cref="Usage"/>).</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project src/Tools/Gpos.LoadGen -- suite [options]

          starts PostgreSQL, the PSP and card host simulators and GPOS (this build's configuration), enrolls the
          terminals, measures the limits, then runs each scenario and writes the report. With --target it drives a
          system that is already running instead.

          --terminals N        virtual terminals, each enrolled with its own certificate        (default 16)
          --concurrency N      operations in flight (closed loop; the most in flight, open loop) (default: terminals)
          --rate R             open loop: start R operations per second, latency from the intended time
          --duration T         measured time per scenario and per limit, e.g. 30s, 500ms, 2m   (default 30s)
          --warmup T           unmeasured run before each one                                    (default 20s)
          --scenarios a,b      card, cob, status, notify, notify-sim                               (default all)
          --mix a=W,b=W        also run the scenarios interleaved by weight, e.g. card=50,cob=30,status=20
          --no-limits          skip the limits (bare mTLS endpoint, raw INSERT, full handshakes)
          --notify-pool N      unpaid charges kept ready (created unmeasured) before each notification scenario
                               and again after its warm-up                                        (default 15000)
          --out FILE           JSON report                                        (suite default: docs/perf-report.json)
          --markdown FILE      text report as Markdown                        (suite default: docs/performance-latest.md)
          --target URL         GPOS's mTLS port of a running system, e.g. https://localhost:7443
          --bootstrap URL      its bootstrap port                                          (default: mTLS port + 1)
          --psp URL            its PSP simulator                                          (default https://localhost:7450)
          --certs DIR          the dev PKI that system trusts                                    (default certs/dev)
          --database CONN      superuser connection string of its PostgreSQL, for the raw-INSERT limit
                               (default: GPOS_DATABASE_ADMIN; without one that limit is skipped)
        """;

    public int Terminals { get; init; } = 16;

    public int? ConcurrencyOption { get; init; }

    public int Concurrency => ConcurrencyOption ?? Terminals;

    public double? Rate { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Long enough for .NET's tiered compilation to finish with the scenario's hot paths: after a 5 s warm-up the card
    /// path still ran partly as tier-0 code and the JIT was busy in the measured phase (docs/performance.md, "Open loop").
    /// </summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(20);

    public IReadOnlyList<ScenarioKind> Scenarios { get; init; } = ScenarioNames.All;

    public IReadOnlyDictionary<ScenarioKind, int>? Mix { get; init; }

    public bool Limits { get; init; } = true;

    public int NotifyPool { get; init; } = 15_000;

    public string? OutJson { get; init; }

    public string? OutMarkdown { get; init; }

    public Uri? Target { get; init; }

    public Uri? Bootstrap { get; init; }

    public Uri? Psp { get; init; }

    public string? Certs { get; init; }

    public string? Database { get; init; }

    public LoadShape Shape => new(Concurrency, Rate);

    /// <summary>Parses <c>suite [options]</c>.</summary>
    /// <exception cref="UsageException">An unknown command or option, a missing or malformed value.</exception>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0] != "suite")
        {
            throw new UsageException(args.Count == 0 ? "No command given." : $"Unknown command '{args[0]}'.");
        }

        var options = new LoadOptions();
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--no-limits")
            {
                options = options with { Limits = false };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new UsageException($"{name} needs a value.");
            }

            var value = args[++i];
            options = name switch
            {
                "--terminals" => options with { Terminals = Positive(name, value) },
                "--concurrency" => options with { ConcurrencyOption = Positive(name, value) },
                "--rate" => options with { Rate = PositiveRate(name, value) },
                "--duration" => options with { Duration = ParseDuration(name, value, allowZero: false) },
                "--warmup" => options with { WarmUp = ParseDuration(name, value, allowZero: true) },
                "--scenarios" => options with { Scenarios = ParseScenarios(value) },
                "--mix" => options with { Mix = ParseMix(value) },
                "--notify-pool" => options with { NotifyPool = Positive(name, value) },
                "--out" => options with { OutJson = value },
                "--markdown" => options with { OutMarkdown = value },
                "--target" => options with { Target = ParseUri(name, value) },
                "--bootstrap" => options with { Bootstrap = ParseUri(name, value) },
                "--psp" => options with { Psp = ParseUri(name, value) },
                "--certs" => options with { Certs = value },
                "--database" => options with { Database = value },
                _ => throw new UsageException($"Unknown option '{name}'."),
            };
        }

        return options;
    }

    /// <summary><c>30s</c>, <c>500ms</c>, <c>2m</c>, or a number of seconds.</summary>
    public static TimeSpan ParseDuration(string name, string value, bool allowZero)
    {
        ArgumentNullException.ThrowIfNull(value);
        var (number, unit) = value.EndsWith("ms", StringComparison.Ordinal) ? (value[..^2], 0.001)
            : value.EndsWith('s') ? (value[..^1], 1.0)
            : value.EndsWith('m') ? (value[..^1], 60.0)
            : (value, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount < 0 || (amount == 0 && !allowZero)
            || double.IsInfinity(amount) || amount * unit > TimeSpan.FromHours(24).TotalSeconds)
        {
            throw new UsageException($"{name}: '{value}' is not a duration (e.g. 30s, 500ms, 2m).");
        }

        return TimeSpan.FromSeconds(amount * unit);
    }

    private static ScenarioKind[] ParseScenarios(string value)
    {
        var kinds = new List<ScenarioKind>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ScenarioNames.TryParse(part, out var kind))
            {
                throw new UsageException($"--scenarios: unknown scenario '{part}' (card, cob, status, notify, notify-sim).");
            }

            if (!kinds.Contains(kind))
            {
                kinds.Add(kind);
            }
        }

        // Always in suite order: each scenario feeds charges to the ones after it.
        return kinds.Count == 0 ? throw new UsageException("--scenarios: no scenario given.") : kinds.Order().ToArray();
    }

    private static Dictionary<ScenarioKind, int> ParseMix(string value)
    {
        var mix = new Dictionary<ScenarioKind, int>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=');
            if (pieces.Length != 2 || !ScenarioNames.TryParse(pieces[0], out var kind)
                || !int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight is <= 0 or > 1000)
            {
                throw new UsageException($"--mix: '{part}' is not scenario=weight (weight 1..1000), e.g. card=50,cob=30,status=20.");
            }

            mix[kind] = weight;
        }

        return mix.Count == 0 ? throw new UsageException("--mix: no scenario given.") : mix;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 100_000
            ? n
            : throw new UsageException($"{name}: '{value}' is not a whole number from 1 to 100000.");

    private static double PositiveRate(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0 && rate <= 1_000_000
            ? rate
            : throw new UsageException($"{name}: '{value}' is not a rate in operations per second (0 < rate <= 1000000).");

    private static Uri ParseUri(string name, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new UsageException($"{name}: '{value}' is not an https URL.");
}
