using System.Diagnostics;
using System.Globalization;

namespace Gpos.LoadGen.Measurement;

/// <summary>
/// A process, or a group of them, whose CPU seconds are sampled around each phase, under one name or several (PostgreSQL is
/// reported in total and split by kind of process).
/// </summary>
internal sealed record WatchedProcess(Func<IEnumerable<KeyValuePair<string, double>>> CpuSeconds)
{
    public static WatchedProcess One(string name, Func<int> processId) =>
        new(() => [new(name, CpuSampler.CpuSecondsOf(processId()))]);

    /// <summary>The PostgreSQL whose data directory is <paramref name="dataDirectory"/>, see <see cref="PostgresCpu"/>.</summary>
    public static WatchedProcess Postgres(string dataDirectory) => new(new PostgresCpu(dataDirectory).Sample);
}

/// <summary>
/// CPU used per process during a phase, in cores (CPU seconds / wall seconds), read from /proc (Linux; elsewhere only this
/// process is measured), and the whole machine's: <c>machine</c> is every process's CPU (what the two cores did) and
/// <c>steal</c> the time the hypervisor gave the VM's cores to someone else, both from /proc/stat.
/// </summary>
internal sealed class CpuSampler(IReadOnlyList<WatchedProcess> watched)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Background processes by the title PostgreSQL gives them (<c>postgres: walwriter</c>); other titles are client backends.</summary>
    private static readonly string[] BackgroundTitles =
        ["checkpointer", "background writer", "walwriter", "logical replication launcher", "archiver", "startup", "walreceiver", "walsender"];

    public Dictionary<string, TimeSpan> Sample()
    {
        var sample = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
        {
            ["load generator"] = Process.GetCurrentProcess().TotalProcessorTime,
        };
        foreach (var (name, seconds) in watched.SelectMany(w => w.CpuSeconds()))
        {
            sample[name] = TimeSpan.FromSeconds(seconds);
        }

        if (MachineTicks() is { } machine)
        {
            sample["machine"] = TimeSpan.FromSeconds(machine.Busy / TicksPerSecond);
            sample["steal"] = TimeSpan.FromSeconds(machine.Steal / TicksPerSecond);
        }

        return sample;
    }

    /// <summary>Shorter windows give no meaningful share: CPU seconds over a wall time near 0.</summary>
    public static readonly TimeSpan MinimumWindow = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Cores busy per process between two samples; empty when <paramref name="wall"/> is shorter than
    /// <see cref="MinimumWindow"/> (a phase that ended at once, with nothing left to pay).
    /// </summary>
    public static Dictionary<string, double> CoresBetween(Dictionary<string, TimeSpan> before, Dictionary<string, TimeSpan> after, TimeSpan wall) =>
        wall < MinimumWindow
            ? new Dictionary<string, double>(StringComparer.Ordinal)
            : after.Where(a => before.ContainsKey(a.Key)).ToDictionary(a => a.Key,
                a => Math.Round(Math.Max(0, (a.Value - before[a.Key]).TotalSeconds) / wall.TotalSeconds, 2), StringComparer.Ordinal);

    /// <summary>
    /// One reading of the PostgreSQL whose postmaster is the first line of <c>postmaster.pid</c>: the postmaster's own and
    /// reaped-children CPU seconds, and each live child's CPU seconds and kind (<c>pg clients</c>, <c>pg autovacuum</c>,
    /// <c>pg other</c>); null when no postmaster runs there. A child that has ended but is not reaped yet (a zombie) is
    /// left out: it shows no CPU, and once reaped its time is in the postmaster's.
    /// </summary>
    internal static PostgresReading? ReadPostgres(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var postmaster)
            || StatFields(postmaster) is not { Length: > 14 } own)
        {
            return null;
        }

        // utime, stime, cutime, cstime: fields 14-17 of /proc/[pid]/stat (1-based), 11-14 after the ")" (0-based).
        var children = new Dictionary<int, (string Kind, double Seconds)>();
        foreach (var (pid, fields) in ChildrenOf(postmaster).Where(c => c.Fields is [not "Z", ..] && c.Fields.Length > 12))
        {
            var title = TitleOf(pid);
            var kind = title.StartsWith("autovacuum", StringComparison.Ordinal) ? PostgresCpu.Autovacuum
                : BackgroundTitles.Any(b => title.StartsWith(b, StringComparison.Ordinal)) ? PostgresCpu.Other
                : PostgresCpu.Clients;
            children[pid] = (kind, Ticks(fields, 11) + Ticks(fields, 12));
        }

        return new PostgresReading(Ticks(own, 11) + Ticks(own, 12), Ticks(own, 13) + Ticks(own, 14), children);
    }

    public static double CpuSecondsOf(int pid) =>
        StatFields(pid) is { Length: > 12 } fields ? Ticks(fields, 11) + Ticks(fields, 12) : 0;

    private static double Ticks(string[] fields, int index) => long.Parse(fields[index], CultureInfo.InvariantCulture) / TicksPerSecond;

    /// <summary>The children of <paramref name="parent"/>, each with its /proc stat fields (read once).</summary>
    private static IEnumerable<(int Pid, string[] Fields)> ChildrenOf(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && StatFields(pid) is { Length: > 1 } fields
                && int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
            {
                yield return (pid, fields);
            }
        }
    }

    /// <summary>The title PostgreSQL set for the process (<c>postgres: walwriter</c>), without the <c>postgres: </c> prefix.</summary>
    private static string TitleOf(int pid)
    {
        var title = ReadProc($"{pid.ToString(CultureInfo.InvariantCulture)}/cmdline")?.Replace('\0', ' ').Trim() ?? "";
        return title.StartsWith("postgres: ", StringComparison.Ordinal) ? title["postgres: ".Length..] : title;
    }

    /// <summary>Busy and stolen ticks of all cores since boot (the <c>cpu</c> line of /proc/stat), or null off Linux.</summary>
    private static (long Busy, long Steal)? MachineTicks()
    {
        // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user already).
        if (ReadProc("stat") is not { } stat)
        {
            return null;
        }

        var f = stat[..stat.IndexOf('\n', StringComparison.Ordinal)].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return f.Length < 8 ? null : (f[0] + f[1] + f[2] + f[5] + f[6], f[7]);
    }

    /// <summary>The fields of /proc/[pid]/stat after the command name (which may contain spaces), starting with the state.</summary>
    private static string[]? StatFields(int pid) =>
        ReadProc($"{pid.ToString(CultureInfo.InvariantCulture)}/stat") is { } stat ? stat[(stat.LastIndexOf(')') + 2)..].Split(' ') : null;

    /// <summary>A file under /proc, or null when it cannot be read (the process has ended, or this is not Linux).</summary>
    private static string? ReadProc(string path)
    {
        try
        {
            return File.ReadAllText("/proc/" + path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>What <see cref="CpuSampler.ReadPostgres"/> read: the postmaster's own and reaped-children seconds, each live child.</summary>
internal sealed record PostgresReading(double Own, double Reaped, IReadOnlyDictionary<int, (string Kind, double Seconds)> Children);

/// <summary>
/// PostgreSQL's CPU seconds as running totals, <c>postgres</c> in all and by kind of process: <c>pg clients</c> (the
/// backends serving connections), <c>pg autovacuum</c>, and <c>pg other</c> (the postmaster, WAL writer, checkpointer,
/// background writer). Each reading adds what every process used since the one before: a live child its CPU since then
/// (all of it when new), and the children that ended in between what the postmaster's reaped-children time grew by,
/// less what they had at the last reading; that goes to their kind when they were all of one kind (a pool closing idle
/// connections), else to <c>pg other</c>. So a backend that ends does not take its whole life's CPU from one kind to
/// another, and every total only grows.
/// </summary>
internal sealed class PostgresCpu(string dataDirectory)
{
    public const string Clients = "pg clients";
    public const string Autovacuum = "pg autovacuum";
    public const string Other = "pg other";

    private readonly Dictionary<string, double> _totals = new(StringComparer.Ordinal) { [Clients] = 0, [Autovacuum] = 0, [Other] = 0 };
    private PostgresReading? _last;

    public IEnumerable<KeyValuePair<string, double>> Sample()
    {
        var now = CpuSampler.ReadPostgres(dataDirectory);
        if (now is null)
        {
            return [];
        }

        lock (_totals)
        {
            if (_last is null)
            {
                foreach (var (kind, seconds) in now.Children.Values)
                {
                    _totals[kind] += seconds;
                }

                _totals[Other] += now.Own;
            }
            else
            {
                foreach (var (pid, (kind, seconds)) in now.Children)
                {
                    _totals[kind] += _last.Children.TryGetValue(pid, out var before) ? Math.Max(0, seconds - before.Seconds) : seconds;
                }

                var ended = _last.Children.Where(c => !now.Children.ContainsKey(c.Key)).Select(c => c.Value).ToList();
                var endedSince = Math.Max(0, now.Reaped - _last.Reaped - ended.Sum(e => e.Seconds));
                var endedKind = ended.Select(e => e.Kind).Distinct(StringComparer.Ordinal).ToList() is [var single] ? single : Other;
                _totals[endedKind] += endedSince;
                _totals[Other] += Math.Max(0, now.Own - _last.Own);
            }

            _last = now;
            return
            [
                new("postgres", _totals.Values.Sum()), new(Clients, _totals[Clients]), new(Autovacuum, _totals[Autovacuum]),
                new(Other, _totals[Other]),
            ];
        }
    }
}
