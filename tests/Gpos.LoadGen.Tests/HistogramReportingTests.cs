using System.Text.Json;
using Gpos.LoadGen.Measurement;
using Gpos.LoadGen.Reporting;

namespace Gpos.LoadGen.Tests;

public sealed class HistogramReportingTests
{
    [Fact]
    public void Summarize_OneToThousandMilliseconds_PercentilesWithinHistogramPrecision()
    {
        var recorder = new LatencyRecorder();
        for (var ms = 1; ms <= 1000; ms++)
        {
            recorder.Record(TimeSpan.FromMilliseconds(ms));
        }

        var summary = recorder.Summarize();

        Assert.Equal(1000, summary.Count);
        Assert.InRange(summary.P50Ms, 499.5, 501);
        Assert.InRange(summary.P90Ms, 899.5, 901);
        Assert.InRange(summary.P99Ms, 989.5, 991);
        Assert.InRange(summary.P999Ms, 998.5, 1001);
        Assert.InRange(summary.MaxMs, 999.5, 1001);
        Assert.InRange(summary.MeanMs, 499.5, 501.5);
    }

    [Fact]
    public void Summarize_OneSlowOperationInAThousand_ShowsOnlyFromP999()
    {
        var recorder = new LatencyRecorder();
        for (var i = 0; i < 999; i++)
        {
            recorder.Record(TimeSpan.FromMilliseconds(2));
        }

        recorder.Record(TimeSpan.FromSeconds(3));

        var summary = recorder.Summarize();

        Assert.InRange(summary.P99Ms, 1.99, 2.01);
        Assert.InRange(summary.P999Ms, 1.99, 2.01);
        Assert.InRange(summary.MaxMs, 2997, 3003);
    }

    [Fact]
    public void Summarize_NothingRecorded_AllZero()
    {
        Assert.Equal(LatencySummary.Empty, new LatencyRecorder().Summarize());
    }

    [Fact]
    public void Render_ScenarioBesideLimits_PrintsRatiosErrorsAndPercentiles()
    {
        var latency = new LatencySummary(100, 1.5, 2.5, 9.9, 12.3, 20, 1.8);
        var bare = Run("bare-mtls", 4000, latency, new Dictionary<string, long>());
        var card = Run("card", 1000, latency, new Dictionary<string, long> { ["sale HTTP 503"] = 3 }) with
        {
            RatioToLimits = new Dictionary<string, double> { ["bare-mtls"] = 0.25 },
        };
        var report = new SuiteReport(DateTimeOffset.Parse("2026-11-22T23:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow, "suite --duration 1s", MachineInfo.Current(), new SystemFacts(1234, 150, "Release"), 2, "closed loop, 2 in flight",
            1, 0, [bare], [card], ["a note"]);

        var text = TextReport.Render(report);

        Assert.Contains("| scenario | ops/s | items/s | p50 | p90 | p99 | p99.9 | max | errors | vs bare-mtls |", text, StringComparison.Ordinal);
        Assert.Contains("| card | 1000 | 1000 | 1.5 | 2.5 | 9.9 | 12.3 | 20.0 | 3 | 25% |", text, StringComparison.Ordinal);
        Assert.Contains("- card: sale HTTP 503 × 3", text, StringComparison.Ordinal);
        Assert.Contains("start to ready 1234 ms", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(report.ToJson());
        var scenario = json.RootElement.GetProperty("scenarios")[0];
        Assert.Equal(12.3, scenario.GetProperty("latency").GetProperty("p999Ms").GetDouble());
        Assert.Equal(0.25, scenario.GetProperty("ratioToLimits").GetProperty("bare-mtls").GetDouble());
        Assert.Equal(3, scenario.GetProperty("errors").GetProperty("sale HTTP 503").GetInt64());
    }

    [Fact]
    public void ApiCounters_PrometheusText_GcCountsByGenerationAndTheirDelta()
    {
        var before = ApiCounters.Parse("""
            # HELP dotnet_collection_count_total GC collection count
            # TYPE dotnet_collection_count_total counter
            dotnet_collection_count_total{generation="0"} 10
            dotnet_collection_count_total{generation="1"} 4
            dotnet_collection_count_total{generation="2"} 1
            process_cpu_seconds_total 3.5
            """);
        var after = ApiCounters.Parse("""
            dotnet_collection_count_total{generation="0"} 25
            dotnet_collection_count_total{generation="1"} 5
            dotnet_collection_count_total{generation="2"} 1
            """);

        Assert.Equal(new Dictionary<string, double> { ["gc gen0"] = 15, ["gc gen1"] = 1, ["gc gen2"] = 0 }, ApiCounters.Delta(before, after));
        Assert.Empty(ApiCounters.Delta(null, after));
    }

    [Fact]
    public void ApiCounters_RequestAndCommandTimes_SummedOverLabelsAndDescribedAsInFlight()
    {
        var before = ApiCounters.Parse("""
            microsoft_aspnetcore_hosting_http_server_request_duration_sum{http_route="/v2/cob/{txid}"} 10
            microsoft_aspnetcore_hosting_http_server_request_duration_sum{http_route="/v1/me"} 2
            microsoft_aspnetcore_hosting_http_server_request_duration_count{http_route="/v2/cob/{txid}"} 100
            npgsql_db_client_operation_duration_sum{db_client_connection_pool_name="app"} 4
            npgsql_db_client_operation_duration_sum{db_client_connection_pool_name="owner"} 1
            npgsql_db_client_operation_duration_count{db_client_connection_pool_name="app"} 1000
            system_runtime_dotnet_gc_pause_time 0.5
            system_runtime_dotnet_monitor_lock_contentions 7
            """);
        var after = ApiCounters.Parse("""
            microsoft_aspnetcore_hosting_http_server_request_duration_sum{http_route="/v2/cob/{txid}"} 170
            microsoft_aspnetcore_hosting_http_server_request_duration_sum{http_route="/v1/me"} 2
            microsoft_aspnetcore_hosting_http_server_request_duration_count{http_route="/v2/cob/{txid}"} 2100
            npgsql_db_client_operation_duration_sum{db_client_connection_pool_name="app"} 44
            npgsql_db_client_operation_duration_sum{db_client_connection_pool_name="owner"} 1
            npgsql_db_client_operation_duration_count{db_client_connection_pool_name="app"} 17000
            system_runtime_dotnet_gc_pause_time 0.9
            system_runtime_dotnet_monitor_lock_contentions 207
            """);

        var delta = ApiCounters.Delta(before, after);

        Assert.Equal(160, delta["request s"]);
        Assert.Equal(2000, delta["requests"]);
        Assert.Equal(40, delta["db command s"]);
        Assert.Equal(0.4, delta["gc pause s"], 6);
        // 20 s: 8 requests and 2 commands inside on average; 16,000 commands over 2,000 operations, 2.5 ms each.
        Assert.Equal("requests in flight 8.0, DB commands in flight 2.0 (8 per operation, 2.50 ms each), GC pauses 2% of the time, "
            + "10 lock contentions/s", ApiCounters.Describe(delta, 20, 2000));
    }

    private static MeasuredRun Run(string name, double perSecond, LatencySummary latency, IReadOnlyDictionary<string, long> errors) =>
        new(name, name + " run", "closed loop, 2 in flight", 1, (long)perSecond, errors.Values.Sum(), perSecond, 1, perSecond, latency,
            new Dictionary<string, LatencySummary>(), errors, new Dictionary<string, double> { ["api"] = 0.5 }, false, null);
}
