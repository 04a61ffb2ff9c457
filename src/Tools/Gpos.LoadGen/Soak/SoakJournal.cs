using System.Collections.Concurrent;
using Gpos.LoadGen.Measurement;

namespace Gpos.LoadGen.Soak;

/// <summary>One answer to <c>PUT /v2/cob/{txid}</c>: when it was sent and answered, and whether a refusal was well formed.</summary>
/// <param name="SentAt">When it was sent.</param>
/// <param name="AnsweredAt">When the answer (or the failure) came.</param>
/// <param name="Status">HTTP status, 0 when no answer came.</param>
/// <param name="WellFormedUnavailable">503 problem+json <c>ServicoIndisponivel</c> with <c>Retry-After</c>.</param>
internal sealed record CobAnswer(DateTimeOffset SentAt, DateTimeOffset AnsweredAt, int Status, bool WellFormedUnavailable);

/// <summary>
/// What the generator was told during a soak: every object GPOS acknowledged (2xx), every payment the PSP acknowledged,
/// the answers by kind, and each charge creation's answer with its time (for the outage analysis).
/// </summary>
internal sealed class SoakJournal
{
    private readonly ConcurrentQueue<string> _recentPayments = new();

    public ConcurrentDictionary<string, byte> Sales { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, byte> Confirmed { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, byte> Undone { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, byte> Charges { get; } = new(StringComparer.Ordinal);

    /// <summary>Payments made at the PSP simulator: endToEndId → txid.</summary>
    public ConcurrentDictionary<string, string> Payments { get; } = new(StringComparer.Ordinal);

    /// <summary>Operations started, by kind.</summary>
    public ErrorTally Operations { get; } = new();

    /// <summary>Answers by kind and outcome, expected ones included (e.g. <c>card sale declined timeout</c>).</summary>
    public ErrorTally Outcomes { get; } = new();

    public ConcurrentQueue<CobAnswer> CobAnswers { get; } = new();

    public void AddPayment(string endToEndId, string txid)
    {
        Payments[endToEndId] = txid;
        _recentPayments.Enqueue(endToEndId);
        while (_recentPayments.Count > 20 && _recentPayments.TryDequeue(out _))
        {
        }
    }

    /// <summary>The last payments (at most 20), for webhook replays.</summary>
    public IReadOnlyList<string> RecentPayments(int count) => _recentPayments.TakeLast(count).ToList();
}
