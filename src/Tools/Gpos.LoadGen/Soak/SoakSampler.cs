using System.Text.Json;
using Npgsql;

namespace Gpos.LoadGen.Soak;

/// <summary>One sample: API Pix calls the PSP simulator received so far, and GPOS's charge intents the PSP has not answered.</summary>
internal sealed record SoakSample(DateTimeOffset At, long PspCalls, long PendingIntents);

/// <summary>
/// Samples, about once a second, the PSP simulator's call counter (<c>GET /control/calls</c>, faulted calls included) and
/// the number of GPOS charge intents without a PSP result: the outage analysis reads the circuit from the first, the
/// convergence after the outage from the second.
/// </summary>
internal sealed class SoakSampler(HttpClient pspControl, string database)
{
    public const string PendingIntentsSql = """
        SELECT count(*) FROM pix.psp_intents i WHERE NOT EXISTS (SELECT 1 FROM pix.psp_results x WHERE x.intent_id = i.id)
        """;

    private readonly List<SoakSample> _samples = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<SoakSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return _samples.ToList();
            }
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                var sample = new SoakSample(DateTimeOffset.UtcNow, await PspCallsAsync(pspControl, stop), await PendingIntentsAsync(dataSource, stop));
                lock (_gate)
                {
                    _samples.Add(sample);
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // sampling ends with the drain
        }
    }

    public static async Task<long> PspCallsAsync(HttpClient pspControl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pspControl);
        using var response = await pspControl.GetAsync(new Uri("control/calls", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        return body.RootElement.GetProperty("total").GetInt64();
    }

    private static async Task<long> PendingIntentsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(PendingIntentsSql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
