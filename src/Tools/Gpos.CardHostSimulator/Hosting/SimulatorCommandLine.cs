using System.Globalization;
using System.Net;

namespace Gpos.CardHostSimulator.Hosting;

/// <summary>
/// Command line and environment: <c>--port</c> (GPOS_CARDHOST_PORT), <c>--control-port</c> (GPOS_CARDHOST_CONTROL_PORT),
/// <c>--late-delay-ms</c> (GPOS_CARDHOST_LATE_DELAY_MS), <c>--bind</c> (GPOS_CARDHOST_BIND), <c>--verbose</c>
/// (GPOS_CARDHOST_VERBOSE=true). The command line wins over the environment.
/// </summary>
internal static class SimulatorCommandLine
{
    public const string Usage = """
        Gpos.CardHostSimulator: ISO 8583:1987 ASCII card host simulator (see its README).
          --port <n>            ISO 8583 TCP port (default 7460; env GPOS_CARDHOST_PORT)
          --control-port <n>    control HTTP port (default 7461; env GPOS_CARDHOST_CONTROL_PORT)
          --late-delay-ms <n>   delay for amounts ending 97 (default 5000; env GPOS_CARDHOST_LATE_DELAY_MS)
          --bind <address>      listen address (default 127.0.0.1; env GPOS_CARDHOST_BIND)
          --verbose             log every message (masked) (env GPOS_CARDHOST_VERBOSE=true)
        """;

    private static readonly string[] Keys = ["port", "control-port", "late-delay-ms", "bind"];

    /// <summary>Parses; false with a null error for --help, false with an error for bad input.</summary>
    public static bool TryParse(IReadOnlyList<string> args, Func<string, string?> environment,
        out CardHostSimulatorOptions options, out bool verbose, out string? error)
    {
        options = new CardHostSimulatorOptions();
        verbose = string.Equals(environment("GPOS_CARDHOST_VERBOSE"), "true", StringComparison.OrdinalIgnoreCase);
        error = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in Keys)
        {
            if (environment("GPOS_CARDHOST_" + key.Replace('-', '_').ToUpperInvariant()) is { Length: > 0 } value)
            {
                values[key] = value;
            }
        }

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg is "--help" or "-h")
            {
                return false;
            }

            if (arg == "--verbose")
            {
                verbose = true;
                continue;
            }

            string name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : string.Empty;
            string? inline = null;
            if (name.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }

            if (!Keys.Contains(name, StringComparer.Ordinal))
            {
                error = $"Unknown argument '{arg}'.\n{Usage}";
                return false;
            }

            if (inline is null && i + 1 >= args.Count)
            {
                error = $"--{name} needs a value.";
                return false;
            }

            values[name] = inline ?? args[++i];
        }

        return Apply(values, options, out error);
    }

    private static bool Apply(Dictionary<string, string> values, CardHostSimulatorOptions options, out string? error)
    {
        error = null;
        foreach (var (key, value) in values)
        {
            bool ok = key switch
            {
                "port" => TryPort(value, out int port) && Set(() => options.Port = port),
                "control-port" => TryPort(value, out int controlPort) && Set(() => options.ControlPort = controlPort),
                "late-delay-ms" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int ms)
                    && Set(() => options.LateResponseDelay = TimeSpan.FromMilliseconds(ms)),
                "bind" => IPAddress.TryParse(value, out var address) && Set(() => options.BindAddress = address),
                _ => false,
            };
            if (!ok)
            {
                error = $"Invalid value '{value}' for --{key}.";
                return false;
            }
        }

        if (options.Port == options.ControlPort && options.Port != 0)
        {
            error = "--port and --control-port must differ.";
            return false;
        }

        return true;
    }

    private static bool TryPort(string value, out int port) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= IPEndPoint.MaxPort;

    private static bool Set(Action assign)
    {
        assign();
        return true;
    }
}
