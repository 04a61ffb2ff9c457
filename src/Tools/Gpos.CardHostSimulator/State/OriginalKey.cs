namespace Gpos.CardHostSimulator.State;

/// <summary>How a reversal finds its original: MTI class (1 authorization, 2 financial), DE41 and STAN.</summary>
internal readonly record struct OriginalKey(int MessageClass, string TerminalId, int Stan);
