using System.Globalization;

namespace Gpos.LoadGen.Measurement;

/// <summary>
/// The API's own counters from its Prometheus endpoint (<c>/metrics</c>): garbage collections by generation, bytes
/// allocated and GC pause time, lock contentions, and the time its requests and its database commands took. Deltas over a
/// phase say where a request's time went: by Little's law, request seconds per wall second is the mean number of requests
/// inside the API, and database-command seconds per wall second the mean number of them waiting on PostgreSQL (a
/// command's time is Npgsql's, from sending it to reading its answer).
/// </summary>
internal sealed class ApiCounters(HttpClient http)
{
    public async Task<Dictionary<string, double>?> SampleAsync(CancellationToken cancellationToken)
    {
        try
        {
            var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
            return Parse(text);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The counters of interest from the Prometheus text format: <c>name{labels} value</c> lines.</summary>
    public static Dictionary<string, double> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counters = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            if (space <= 0 || !double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var series = line[..space];
            if (series.StartsWith("dotnet_collection_count_total{generation=\"", StringComparison.Ordinal))
            {
                counters["gc gen" + series.Split('"')[1]] = value;
            }
            else if (series.Contains("total_allocated", StringComparison.Ordinal) && !series.Contains('{', StringComparison.Ordinal))
            {
                counters["allocated MiB"] = value / (1024 * 1024);
            }
            else if (Summed(series) is { } name)
            {
                counters[name] = counters.GetValueOrDefault(name) + value;
            }
        }

        return counters;
    }

    /// <summary>The counters summed over their labels (all pools, all routes), by the name this report gives them.</summary>
    private static string? Summed(string series) => (series.IndexOf('{', StringComparison.Ordinal) is var brace and >= 0 ? series[..brace] : series) switch
    {
        "system_runtime_dotnet_gc_pause_time" => "gc pause s",
        "system_runtime_dotnet_monitor_lock_contentions" => "lock contentions",
        "npgsql_db_client_operation_duration_sum" => "db command s",
        "npgsql_db_client_operation_duration_count" => "db commands",
        "microsoft_aspnetcore_hosting_http_server_request_duration_sum" => "request s",
        "microsoft_aspnetcore_hosting_http_server_request_duration_count" => "requests",
        _ => null,
    };

    /// <summary>
    /// A phase's deltas as a reader wants them: requests and database commands in flight on average, commands per
    /// operation and their mean time, the share of wall time in GC pauses, lock contentions per second, then GCs.
    /// </summary>
    public static string Describe(IReadOnlyDictionary<string, double> delta, double seconds, long operations)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var parts = new List<string>();
        if (seconds > 0 && delta.TryGetValue("request s", out var requestSeconds))
        {
            parts.Add(Invariant($"requests in flight {requestSeconds / seconds:0.0}"));
        }

        if (seconds > 0 && delta.TryGetValue("db command s", out var commandSeconds) && delta.TryGetValue("db commands", out var commands) && commands > 0)
        {
            parts.Add(Invariant($"DB commands in flight {commandSeconds / seconds:0.0} ({commands / Math.Max(1, operations):0.#} per operation, {commandSeconds / commands * 1000:0.00} ms each)"));
        }

        if (seconds > 0 && delta.TryGetValue("gc pause s", out var pause))
        {
            parts.Add(Invariant($"GC pauses {pause / seconds * 100:0.#}% of the time"));
        }

        if (seconds > 0 && delta.TryGetValue("lock contentions", out var contentions))
        {
            parts.Add(Invariant($"{contentions / seconds:0} lock contentions/s"));
        }

        parts.AddRange(delta.Where(d => d.Key.StartsWith("gc gen", StringComparison.Ordinal) || d.Key == "allocated MiB")
            .Select(d => Invariant($"{d.Key} {d.Value:0.#}")));
        return string.Join(", ", parts);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static Dictionary<string, double> Delta(Dictionary<string, double>? before, Dictionary<string, double>? after) =>
        before is null || after is null
            ? []
            : after.Where(a => before.ContainsKey(a.Key)).ToDictionary(a => a.Key, a => Math.Round(a.Value - before[a.Key], 3), StringComparer.Ordinal);
}
