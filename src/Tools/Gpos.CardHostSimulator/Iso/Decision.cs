namespace Gpos.CardHostSimulator.Iso;

/// <summary>What to do with one request: answer (now or after <see cref="Delay"/>), stay silent, drop the connection, or send garbage.</summary>
/// <param name="Transport">How.</param>
/// <param name="Response">The answer, for <see cref="Transport.Respond"/>.</param>
/// <param name="Delay">How long to hold the answer (zero = now).</param>
/// <param name="Reason">Why, for the log.</param>
internal sealed record Decision(Transport Transport, Gpos.Iso8583.Iso8583Message? Response, TimeSpan Delay, string Reason)
{
    public static Decision Answer(Gpos.Iso8583.Iso8583Message response, string reason) =>
        new(Transport.Respond, response, TimeSpan.Zero, reason);

    public static Decision Silent(string reason) => new(Transport.Silent, null, TimeSpan.Zero, reason);

    public static Decision Drop(string reason) => new(Transport.Drop, null, TimeSpan.Zero, reason);

    public static Decision Garbage(string reason) => new(Transport.Garbage, null, TimeSpan.Zero, reason);
}
