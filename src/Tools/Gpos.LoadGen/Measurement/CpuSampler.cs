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

    /// <summary>The PostgreSQL whose data directory is <paramref name="dataDirectory"/>, see <see cref="CpuSampler.PostgresCpuSeconds"/>.</summary>
    public static WatchedProcess Postgres(string dataDirectory) => new(() => CpuSampler.PostgresCpuSeconds(dataDirectory));
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
    /// CPU seconds of the PostgreSQL whose postmaster is the first line of <c>postmaster.pid</c>: <c>postgres</c> in all, and
    /// split into <c>pg clients</c> (the backends serving connections), <c>pg autovacuum</c> (launcher and workers alive at
    /// the sample) and <c>pg other</c> (the postmaster, WAL writer, checkpointer, background writer, and every child that
    /// has exited, from the postmaster's reaped-children times: mostly autovacuum workers, counted whole when they end).
    /// Empty when no postmaster runs there.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, double>> PostgresCpuSeconds(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var postmaster)
            || StatFields(postmaster) is not { Length: > 14 } own)
        {
            return [];
        }

        // utime, stime, cutime, cstime: fields 14-17 of /proc/[pid]/stat (1-based), 11-14 after the ")" (0-based).
        double clients = 0, autovacuum = 0, other = Ticks(own, 11) + Ticks(own, 12) + Ticks(own, 13) + Ticks(own, 14);
        // A child that has ended but is not reaped yet (a zombie) shows no CPU; once reaped it is in the postmaster's times.
        foreach (var pid in ChildrenOf(postmaster).Where(pid => StatFields(pid) is [not "Z", ..]))
        {
            var seconds = CpuSecondsOf(pid);
            var title = TitleOf(pid);
            if (title.StartsWith("autovacuum", StringComparison.Ordinal))
            {
                autovacuum += seconds;
            }
            else if (BackgroundTitles.Any(b => title.StartsWith(b, StringComparison.Ordinal)))
            {
                other += seconds;
            }
            else
            {
                clients += seconds;
            }
        }

        return
        [
            new("postgres", clients + autovacuum + other), new("pg clients", clients), new("pg autovacuum", autovacuum),
            new("pg other", other),
        ];
    }

    public static double CpuSecondsOf(int pid) =>
        StatFields(pid) is { Length: > 12 } fields ? Ticks(fields, 11) + Ticks(fields, 12) : 0;

    private static double Ticks(string[] fields, int index) => long.Parse(fields[index], CultureInfo.InvariantCulture) / TicksPerSecond;

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && StatFields(pid) is { Length: > 1 } fields
                && int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
            {
                yield return pid;
            }
        }
    }

    /// <summary>The title PostgreSQL set for the process (<c>postgres: walwriter</c>), without the <c>postgres: </c> prefix.</summary>
    private static string TitleOf(int pid)
    {
        try
        {
            var title = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Replace('\0', ' ').Trim();
            return title.StartsWith("postgres: ", StringComparison.Ordinal) ? title["postgres: ".Length..] : title;
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>Busy and stolen ticks of all cores since boot (the <c>cpu</c> line of /proc/stat), or null off Linux.</summary>
    private static (long Busy, long Steal)? MachineTicks()
    {
        try
        {
            // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user already).
            var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return f.Length < 8 ? null : (f[0] + f[1] + f[2] + f[5] + f[6], f[7]);
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

    /// <summary>The fields of /proc/[pid]/stat after the command name (which may contain spaces), starting with the state.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
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
