using System.Globalization;
using Gpos.Ledger.Benchmarks;

// Ledger throughput harness (issue 5): journal entries committed per second with N concurrent writers and the sealer
// running, next to raw single-row INSERT commits on the same database with the same concurrency, in the same run.
// Usage: dotnet run -c Release --project tests/Gpos.Ledger.Benchmarks -- [--seconds 20] [--writers 32] [--rounds 3]
// Exit code 0 when the median standalone ratio is at least 50 % and every entry was sealed within 1 s.
var seconds = Option(args, "--seconds", 20);
var writers = Option(args, "--writers", 32);
var rounds = Option(args, "--rounds", 3);
if (seconds < 1 || writers < 1 || rounds < 1)
{
    await Console.Error.WriteLineAsync("--seconds, --writers and --rounds must be at least 1.");
    return 2;
}

var report = await Harness.RunAsync(TimeSpan.FromSeconds(seconds), writers, rounds, CancellationToken.None);
Console.WriteLine(report);
return report.LedgerRatio >= 0.5 && report.MaxSealDelay < TimeSpan.FromSeconds(1) ? 0 : 1;

static int Option(string[] args, string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
