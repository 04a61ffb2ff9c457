namespace Gpos.CardHostSimulator;

/// <summary>A transport fault the simulator applies to requests, overriding the deterministic rules' transport.</summary>
public enum FaultMode
{
    /// <summary>No fault: the rules decide (see the README rules table).</summary>
    None = 0,

    /// <summary>Receive and record the request, never answer it (a host that lost it).</summary>
    Silent = 1,

    /// <summary>Receive and record the request, then close the connection without answering.</summary>
    Drop = 2,

    /// <summary>Answer as the rules say, but only after <see cref="FaultSettings.DelayMs"/>.</summary>
    Delay = 3,

    /// <summary>Receive and record the request; instead of its answer send a frame that does not parse as ISO 8583 (a
    /// host or line that garbles its frames). The request itself stays unanswered.</summary>
    Garbage = 4,
}
