using System.Globalization;
using Npgsql;

namespace Gpos.LoadGen.Measurement;

/// <summary>
/// What PostgreSQL's busy backends are doing during a phase: <c>pg_stat_activity</c> sampled every 100 ms, each active
/// backend counted under its wait event (<c>IO:WALSync</c>, <c>Lock:advisory</c>…) or <c>CPU</c> when it waits for
/// nothing. The result is each kind's share of the samples, plus the mean number of active backends.
/// </summary>
internal sealed class DatabaseWaits : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _samples;

    private DatabaseWaits(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _sampling = Task.Run(SampleAsync);
    }

    public static DatabaseWaits Start(string adminConnectionString) =>
        new(NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = true, MaxPoolSize = 1 }.ConnectionString));

    /// <summary>Stops sampling; the share of each wait kind, <c>active backends (mean)</c> and <c>samples</c>.</summary>
    public async Task<Dictionary<string, double>> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        var total = _counts.Values.Sum();
        var shares = _counts.OrderByDescending(c => c.Value)
            .ToDictionary(c => c.Key, c => Math.Round((double)c.Value / Math.Max(1, total), 3), StringComparer.Ordinal);
        shares["active backends (mean)"] = _samples == 0 ? 0 : Math.Round((double)total / _samples, 2);
        shares["samples"] = _samples;
        return shares;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
        await _dataSource.DisposeAsync();
    }

    private async Task SampleAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await using (var command = _dataSource.CreateCommand("""
                    SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU'), count(*)
                    FROM pg_stat_activity
                    WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()
                    GROUP BY 1
                    """))
                await using (var reader = await command.ExecuteReaderAsync(_stop.Token))
                {
                    while (await reader.ReadAsync(_stop.Token))
                    {
                        var kind = reader.GetString(0);
                        _counts[kind] = _counts.GetValueOrDefault(kind) + reader.GetInt64(1);
                    }
                }

                _samples++;
                await Task.Delay(100, _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // stopped
        }
        catch (NpgsqlException ex)
        {
            _counts["sampling failed: " + ex.GetType().Name] = 1;
        }
    }

    public static string Describe(IReadOnlyDictionary<string, double> waits) =>
        string.Join(", ", waits.Select(w => w.Key switch
        {
            "active backends (mean)" => string.Create(CultureInfo.InvariantCulture, $"{w.Value:0.##} active backends on average"),
            "samples" => string.Create(CultureInfo.InvariantCulture, $"{w.Value:0} samples"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{w.Key} {w.Value * 100:0}%"),
        }));
}
