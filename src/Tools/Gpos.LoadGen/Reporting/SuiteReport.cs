using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gpos.LoadGen.Measurement;

namespace Gpos.LoadGen.Reporting;

/// <summary>Where the run happened.</summary>
internal sealed record MachineInfo(string HostName, int ProcessorCount, string? CpuModel, double MemoryGiB, string Os, string Runtime)
{
    public static MachineInfo Current()
    {
        string? cpu = null;
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        }

        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return new MachineInfo(Environment.MachineName, Environment.ProcessorCount, cpu, Math.Round(memory, 1),
            System.Runtime.InteropServices.RuntimeInformation.OSDescription, System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
    }
}

/// <summary>What the suite measured of the API process itself (only when the suite started it).</summary>
internal sealed record SystemFacts(double ApiStartToReadyMs, double ApiIdleResidentMiB, string Configuration);

/// <summary>One measured run: a limit or a GPOS scenario.</summary>
internal sealed record MeasuredRun(
    string Name,
    string Description,
    string Load,
    double Seconds,
    long Succeeded,
    long Failed,
    double PerSecond,
    int ItemsPerOperation,
    double ItemsPerSecond,
    LatencySummary Latency,
    IReadOnlyDictionary<string, LatencySummary> Steps,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyDictionary<string, double> CpuCores,
    bool EndedEarly,
    string? Note)
{
    /// <summary>This run's operations per second as a fraction of each limit's (scenarios only).</summary>
    public IReadOnlyDictionary<string, double>? RatioToLimits { get; init; }

    /// <summary>The API's own counters during the phase (deltas): GCs, GC pause, lock contentions, request and database-command time.</summary>
    public IReadOnlyDictionary<string, double>? ApiCounters { get; init; }

    /// <summary>PostgreSQL's active backends by wait event (share of samples) and their mean number during the phase.</summary>
    public IReadOnlyDictionary<string, double>? DatabaseWaits { get; init; }

    /// <summary>PostgreSQL's commits, rows written and WAL bytes per operation of the phase (approximate, see DatabaseWork).</summary>
    public IReadOnlyDictionary<string, double>? DatabaseWorkPerOperation { get; init; }
}

/// <summary>The whole report, written as JSON and rendered as text.</summary>
internal sealed record SuiteReport(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string Command,
    MachineInfo Machine,
    SystemFacts? System,
    int Terminals,
    string Load,
    double DurationSeconds,
    double WarmUpSeconds,
    IReadOnlyList<MeasuredRun> Limits,
    IReadOnlyList<MeasuredRun> Scenarios,
    IReadOnlyList<string> Notes)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Readable descriptions and error kinds (the report is a local file, never embedded in HTML).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
