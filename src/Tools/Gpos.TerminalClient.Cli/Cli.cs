using System.Globalization;

namespace Gpos.TerminalClient.Cli;

/// <summary>gpos-terminal's commands. Output goes to the given writers so tests can run the CLI in-process.</summary>
internal static class Cli
{
    private const string DefaultDir = "./.data/terminal";

    private static readonly Dictionary<string, string[]> AllowedOptions = new(StringComparer.Ordinal)
    {
        ["enroll"] = ["bootstrap", "mtls", "ca", "serial", "code", "dir"],
        ["renew"] = ["dir"],
        ["status"] = ["dir"],
        ["whoami"] = ["dir"],
        ["run"] = ["dir"],
    };

    public const string Usage = """
        gpos-terminal: a GPOS POS terminal (enrollment and automatic certificate renewal).

        Usage:
          gpos-terminal enroll --bootstrap URL --mtls URL --ca ROOT.crt --serial SN --code CODE [--dir DIR]
          gpos-terminal renew  [--dir DIR]     renew the certificate now (new key pair)
          gpos-terminal status [--dir DIR]     identity, certificate validity, renewal schedule
          gpos-terminal whoami [--dir DIR]     ask GPOS who this terminal is (GET /v1/me over mTLS)
          gpos-terminal run    [--dir DIR]     stay up and renew automatically; Ctrl-C stops

        DIR defaults to ./.data/terminal.
        Exit codes: 0 ok, 1 refused by GPOS, 2 usage error, 3 not enrolled, 4 GPOS unreachable,
                    5 terminal revoked or certificate expired (needs a new activation code).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var parsed = ArgumentList.Parse(args, out var parseError);
        if (parsed is null || (!parsed.Help && !AllowedOptions.ContainsKey(parsed.Command)))
        {
            await error.WriteLineAsync($"gpos-terminal: {parseError ?? $"unknown command '{args[0]}'"}\n\n{Usage}");
            return ExitCodes.Usage;
        }

        if (parsed.Help)
        {
            await output.WriteLineAsync(Usage);
            return ExitCodes.Ok;
        }

        if (parsed.Unknown(AllowedOptions[parsed.Command]).FirstOrDefault() is { } unknown)
        {
            await error.WriteLineAsync($"gpos-terminal {parsed.Command}: unknown option '--{unknown}'\n\n{Usage}");
            return ExitCodes.Usage;
        }

        var console = new Console(output, error, time);
        var store = TerminalStore.Open(parsed.Get("dir") ?? DefaultDir);
        if (parsed.Command == "enroll")
        {
            return await Commands.EnrollAsync(parsed, store, console, cancellationToken);
        }

        if (!store.IsEnrolled)
        {
            await error.WriteLineAsync($"gpos-terminal: no enrolled terminal in {store.DirectoryPath}; run 'gpos-terminal enroll' first.");
            return ExitCodes.NotEnrolled;
        }

        return parsed.Command switch
        {
            "renew" => await Commands.RenewAsync(store, console, cancellationToken),
            "status" => await Commands.StatusAsync(store, console),
            "whoami" => await Commands.WhoAmIAsync(store, console, cancellationToken),
            _ => await Commands.RunAsync(store, console, cancellationToken),
        };
    }

    /// <summary>The CLI's output, with timestamps in ISO 8601 UTC.</summary>
    internal sealed class Console(TextWriter output, TextWriter error, TimeProvider time)
    {
        public TimeProvider Time => time;

        public Task OutAsync(string line) => output.WriteLineAsync(line);

        /// <summary>For event handlers, which cannot await.</summary>
        public void Out(string line) => output.WriteLine(line);

        public Task ErrorAsync(string line) => error.WriteLineAsync(line);

        public static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
