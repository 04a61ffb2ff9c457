using System.Globalization;

namespace Gpos.LoadGen.Measurement;

/// <summary>
/// The API's own counters from its Prometheus endpoint (<c>/metrics</c>): garbage collections by generation and, where the
/// runtime exports it, bytes allocated. Deltas over a phase say how much of the API's time could have gone to GC.
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
        }

        return counters;
    }

    public static Dictionary<string, double> Delta(Dictionary<string, double>? before, Dictionary<string, double>? after) =>
        before is null || after is null
            ? []
            : after.Where(a => before.ContainsKey(a.Key)).ToDictionary(a => a.Key, a => Math.Round(a.Value - before[a.Key], 1), StringComparer.Ordinal);
}
