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
        ["card sale"] = ["amount", "pan", "expiry", "installments", "receipt", "dir"],
        ["card undo"] = ["sale", "dir"],
        ["card pending"] = ["dir"],
        ["pix charge"] = ["amount", "key", "description", "dir"],
        ["pix status"] = ["dir"],
        ["pix refund"] = ["amount", "id", "dir"],
    };

    /// <summary>Positional words each command takes after its name (e.g. <c>pix status TXID</c>).</summary>
    private static readonly Dictionary<string, int> Arguments = new(StringComparer.Ordinal) { ["pix status"] = 1, ["pix refund"] = 1 };

    public const string Usage = """
        gpos-terminal: a GPOS POS terminal (enrollment, certificate renewal, card and Pix payments).

        Usage:
          gpos-terminal enroll --bootstrap URL --mtls URL --ca ROOT.crt --serial SN --code CODE [--dir DIR]
          gpos-terminal renew  [--dir DIR]     renew the certificate now (new key pair)
          gpos-terminal status [--dir DIR]     identity, certificate validity, renewal schedule
          gpos-terminal whoami [--dir DIR]     ask GPOS who this terminal is (GET /v1/me over mTLS)
          gpos-terminal run    [--dir DIR]     stay up and renew automatically; Ctrl-C stops
          gpos-terminal card sale --amount 12.34 [--pan PAN --expiry YYMM] [--installments N] [--receipt ok|fail]
                                               card sale; confirmed once the receipt "prints" (undone if it fails)
          gpos-terminal card undo --sale ID    undo an approved, unconfirmed sale
          gpos-terminal card pending           send confirmations/undos left over from earlier runs, list the rest
          gpos-terminal pix charge --amount 12.34 [--key CHAVE] [--description TEXT]
                                               Pix charge (PUT /v2/cob/{new txid}); prints the BR Code and its QR
          gpos-terminal pix status TXID        the charge's status and the Pix received
          gpos-terminal pix refund E2EID --amount 1.00 [--id ID]
                                               devolução of a received Pix (PUT /v2/pix/{e2eid}/devolucao/{id})

        DIR defaults to ./.data/terminal. PAN defaults to the test card 4111111111111111 (expiry 3012); CHAVE to
        $GPOS_PIX_KEY or pix@merchant-dev.example. Card commands first send the confirmations and undos that
        earlier runs could not deliver (kept in DIR/pending-decisions.json, never with card data).
        Exit codes: 0 ok, 1 refused by GPOS, 2 usage error, 3 not enrolled, 4 GPOS unreachable,
                    5 terminal revoked or certificate expired (needs a new activation code).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var parsed = ArgumentList.Parse(args, out var parseError);
        var command = parsed is null ? "" : CommandName(parsed);
        if (parsed is null || (!parsed.Help && !AllowedOptions.ContainsKey(command)))
        {
            await error.WriteLineAsync($"gpos-terminal: {parseError ?? $"unknown command '{string.Join(' ', args.Take(2))}'"}\n\n{Usage}");
            return ExitCodes.Usage;
        }

        if (parsed.Help)
        {
            await output.WriteLineAsync(Usage);
            return ExitCodes.Ok;
        }

        if (parsed.Unknown(AllowedOptions[command]).FirstOrDefault() is { } unknown)
        {
            await error.WriteLineAsync($"gpos-terminal {command}: unknown option '--{unknown}'\n\n{Usage}");
            return ExitCodes.Usage;
        }

        var words = command.Count(c => c == ' ');
        if (parsed.Positionals.Count - words != Arguments.GetValueOrDefault(command))
        {
            await error.WriteLineAsync($"gpos-terminal {command}: unexpected or missing arguments\n\n{Usage}");
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

        return command switch
        {
            "card sale" or "card undo" or "card pending" => await PaymentCommands.CardAsync(command, parsed, store, console, cancellationToken),
            "pix charge" or "pix status" or "pix refund" => await PaymentCommands.PixAsync(command, parsed, store, console, cancellationToken),
            "renew" => await Commands.RenewAsync(store, console, cancellationToken),
            "status" => await Commands.StatusAsync(store, console),
            "whoami" => await Commands.WhoAmIAsync(store, console, cancellationToken),
            _ => await Commands.RunAsync(store, console, cancellationToken),
        };
    }

    /// <summary>The command's name: one word, or two for the payment groups (<c>card sale</c>, <c>pix status</c>).</summary>
    private static string CommandName(ArgumentList parsed) =>
        parsed.Command is "card" or "pix" && parsed.Positionals.Count > 0 ? $"{parsed.Command} {parsed.Positionals[0]}" : parsed.Command;

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
