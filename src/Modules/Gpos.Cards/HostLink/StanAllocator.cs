using Gpos.Iso8583;

namespace Gpos.Cards.HostLink;

/// <summary>
/// DE11 allocation: a wrapping counter (1..999999) seeded from the clock so restarts do not start over at 1, skipping any
/// value outstanding for the terminal in any request group (iso8583.md §4: never reuse a STAN while outstanding).
/// </summary>
internal sealed class StanAllocator(TimeProvider clock, Func<MatchKey, bool> isOutstanding)
{
    private static readonly int[] Groups = [10, 20, 40, 42, 80];
    private long _counter = clock.GetUtcNow().ToUnixTimeSeconds() % 999_999;

    public int Next(string terminalId)
    {
        while (true)
        {
            var stan = (int)(Interlocked.Increment(ref _counter) % 999_999) + 1;
            if (!Array.Exists(Groups, g => isOutstanding(new MatchKey(g, terminalId, stan))))
            {
                return stan;
            }
        }
    }
}
