using System.Diagnostics;
using System.Globalization;

namespace Gpos.LoadGen.Measurement;

/// <summary>A process (or a group: PostgreSQL's postmaster and its backends) whose CPU time is sampled around each phase.</summary>
internal sealed record WatchedProcess(string Name, Func<IReadOnlyList<int>> ProcessIds);

/// <summary>
/// CPU used per process during a phase, in cores (CPU seconds / wall seconds), read from /proc (Linux; elsewhere only this
/// process is measured). A process group is summed over the processes alive at both samples.
/// </summary>
internal sealed class CpuSampler(IReadOnlyList<WatchedProcess> watched)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public Dictionary<string, TimeSpan> Sample()
    {
        var sample = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
        {
            ["load generator"] = Process.GetCurrentProcess().TotalProcessorTime,
        };
        foreach (var process in watched)
        {
            sample[process.Name] = TimeSpan.FromSeconds(process.ProcessIds().Sum(CpuSeconds));
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

    /// <summary>The postmaster whose pid is the first line of <c>postmaster.pid</c>, and its children (the backends).</summary>
    public static IReadOnlyList<int> PostgresProcesses(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var postmaster))
        {
            return [];
        }

        var pids = new List<int> { postmaster };
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ParentOf(pid) == postmaster)
            {
                pids.Add(pid);
            }
        }

        return pids;
    }

    private static double CpuSeconds(int pid)
    {
        var fields = StatFields(pid);
        // utime and stime are fields 14 and 15 of /proc/[pid]/stat (1-based); after the ")" they are at 11 and 12 (0-based).
        return fields is { Length: > 12 }
            ? (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond
            : 0;
    }

    private static int ParentOf(int pid) =>
        StatFields(pid) is { Length: > 1 } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : -1;

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
