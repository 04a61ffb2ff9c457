namespace Gpos.CardHostSimulator.State;

/// <summary>Mutable counters behind <see cref="SimulatorStats"/>; only touched under <see cref="SimulatorState"/>'s lock.</summary>
internal sealed class Counters
{
    public long ConnectionsAccepted { get; set; }

    public long ConnectionsDropped { get; set; }

    public Dictionary<string, long> RequestsByMti { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> ResponsesByMti { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> ResponseCodes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> NetworkManagementByCode { get; } = new(StringComparer.Ordinal);

    public long NotAnswered { get; set; }

    public long Delayed { get; set; }

    public long ReversalsReceived { get; set; }

    public long ReversalRepeats { get; set; }

    public long ReversalsOfUnknownOriginal { get; set; }

    public long CompletionsApplied { get; set; }

    public long GarbageFrames { get; set; }

    public long OversizeFrames { get; set; }

    public long UnexpectedResponses { get; set; }

    public long ProcessingErrors { get; set; }
}
