using Gpos.Iso8583;

namespace Gpos.Cards.HostLink;

/// <summary>How a request to the card host ended. Only <see cref="HostExchangeKind.NotSent"/> is a known "did not happen".</summary>
internal enum HostExchangeKind
{
    Answered,
    NotSent,
    TimedOut,
    ConnectionLost,
}

internal sealed record HostExchange(HostExchangeKind Kind, Iso8583Message? Response, string Reason)
{
    /// <summary>The request may have reached the host and its answer is unknown: reverse it.</summary>
    public bool OutcomeUnknown => Kind is HostExchangeKind.TimedOut or HostExchangeKind.ConnectionLost;

    public static HostExchange Answered(Iso8583Message response) => new(HostExchangeKind.Answered, response, "answered");

    public static HostExchange NotSent(string reason) => new(HostExchangeKind.NotSent, null, reason);

    public static HostExchange TimedOut() => new(HostExchangeKind.TimedOut, null, "timeout");

    public static HostExchange Lost() => new(HostExchangeKind.ConnectionLost, null, "connection-lost");
}
