namespace Gpos.LoadGen.Soak;

/// <summary>What the PSP outage did, read from the charge answers and the PSP simulator's call counter.</summary>
/// <param name="OutageSeconds">How long every API Pix call answered 503.</param>
/// <param name="CobRequests">Charge creations sent during the outage (from its second second on).</param>
/// <param name="CobUnavailable">Of those, answered 503 problem+json <c>ServicoIndisponivel</c> with <c>Retry-After</c>.</param>
/// <param name="CobOtherAnswers">Of those, answered anything else (must be 0: no 201, no 500, no hang).</param>
/// <param name="PspCalls">API Pix calls that reached the PSP during the outage.</param>
/// <param name="OpenedAfterSeconds">When the circuit was first seen open (a second with 503 answers and no PSP call).</param>
/// <param name="CallsBeforeOpen">PSP calls from the outage start until then.</param>
/// <param name="CallsWhileOpen">PSP calls from then to the outage end: only the half-open trial calls.</param>
/// <param name="CallsAllowedWhileOpen">Two trial calls per break (and one break more) over that time.</param>
/// <param name="LongestQuietSeconds">Longest stretch of the outage without a single PSP call.</param>
/// <param name="FirstChargeAfterSeconds">From the outage end to the first 201 of a charge created after it.</param>
/// <param name="PendingIntentsAtEnd">GPOS charge intents the PSP had not answered when the outage ended.</param>
/// <param name="IntentsSettledAfterSeconds">From the outage end until no intent was left (the reconciler re-PUT them).</param>
internal sealed record CircuitReport(
    double OutageSeconds,
    long CobRequests,
    long CobUnavailable,
    long CobOtherAnswers,
    long PspCalls,
    double? OpenedAfterSeconds,
    long CallsBeforeOpen,
    long CallsWhileOpen,
    long CallsAllowedWhileOpen,
    double LongestQuietSeconds,
    double? FirstChargeAfterSeconds,
    long PendingIntentsAtEnd,
    double? IntentsSettledAfterSeconds)
{
    /// <summary>The circuit opened, stayed open but for its trial calls, and every answer meanwhile was a proper 503.</summary>
    public bool Held => OpenedAfterSeconds is not null && CallsWhileOpen <= CallsAllowedWhileOpen && CobOtherAnswers == 0 && CobUnavailable > 0;
}

internal static class CircuitAnalysis
{
    public static CircuitReport Analyse(OutageWindow outage, IReadOnlyList<CobAnswer> answers, IReadOnlyList<SoakSample> samples, TimeSpan breakDuration)
    {
        ArgumentNullException.ThrowIfNull(outage);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(samples);
        var during = answers.Where(a => a.SentAt >= outage.Start.AddSeconds(1) && a.AnsweredAt <= outage.End).ToList();
        var unavailable = during.Count(a => a.WellFormedUnavailable);
        var window = samples.Where(s => s.At >= outage.Start && s.At <= outage.End).OrderBy(s => s.At).ToList();
        var callsAtStart = CallsAt(samples, outage.Start);
        var callsAtEnd = CallsAt(samples, outage.End);

        DateTimeOffset? opened = null;
        double longestQuiet = 0;
        var quietSince = window.Count > 0 ? window[0].At : outage.Start;
        for (var i = 1; i < window.Count; i++)
        {
            var (previous, current) = (window[i - 1], window[i]);
            if (current.PspCalls != previous.PspCalls)
            {
                quietSince = current.At;
                continue;
            }

            longestQuiet = Math.Max(longestQuiet, (current.At - quietSince).TotalSeconds);
            if (opened is null && answers.Any(a => a.WellFormedUnavailable && a.AnsweredAt > previous.At && a.AnsweredAt <= current.At))
            {
                opened = previous.At;
            }
        }

        long callsBeforeOpen = 0, callsWhileOpen = 0, allowed = 0;
        if (opened is { } at)
        {
            var callsAtOpen = CallsAt(samples, at);
            callsBeforeOpen = callsAtOpen - callsAtStart;
            callsWhileOpen = callsAtEnd - callsAtOpen;
            allowed = 2 * ((long)Math.Ceiling((outage.End - at) / breakDuration) + 1);
        }

        var firstCharge = answers.Where(a => a.Status == 201 && a.SentAt >= outage.End).Select(a => (DateTimeOffset?)a.AnsweredAt).Min();
        var pendingAtEnd = samples.Where(s => s.At <= outage.End).Select(s => s.PendingIntents).LastOrDefault();
        var settled = samples.Where(s => s.At >= outage.End && s.PendingIntents == 0).Select(s => (DateTimeOffset?)s.At).FirstOrDefault();
        return new CircuitReport(
            Math.Round((outage.End - outage.Start).TotalSeconds, 1),
            during.Count,
            unavailable,
            during.Count - unavailable,
            callsAtEnd - callsAtStart,
            opened is null ? null : Math.Round((opened.Value - outage.Start).TotalSeconds, 1),
            callsBeforeOpen,
            callsWhileOpen,
            allowed,
            Math.Round(longestQuiet, 1),
            firstCharge is null ? null : Math.Round((firstCharge.Value - outage.End).TotalSeconds, 1),
            pendingAtEnd,
            settled is null ? null : Math.Round((settled.Value - outage.End).TotalSeconds, 1));
    }

    /// <summary>The counter at <paramref name="at"/>: the last sample before it (or the first one).</summary>
    private static long CallsAt(IReadOnlyList<SoakSample> samples, DateTimeOffset at) =>
        samples.LastOrDefault(s => s.At <= at)?.PspCalls ?? (samples.Count > 0 ? samples[0].PspCalls : 0);
}
