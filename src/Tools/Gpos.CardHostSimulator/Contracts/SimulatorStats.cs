namespace Gpos.CardHostSimulator;

/// <summary>Counters since start or the last reset (<c>GET /control/stats</c>).</summary>
/// <param name="ConnectionsAccepted">TCP connections accepted.</param>
/// <param name="ConnectionsOpen">TCP connections open now (not cleared by a reset).</param>
/// <param name="ConnectionsDropped">Connections the simulator closed on purpose (drop rule or fault, oversize frame).</param>
/// <param name="RequestsByMti">Parsed requests received, by MTI (e.g. <c>"0200": 12</c>).</param>
/// <param name="ResponsesByMti">Answers sent, by MTI (e.g. <c>"0210": 11</c>).</param>
/// <param name="ResponseCodes">Answers sent, by DE39 (e.g. <c>"00": 9, "51": 2</c>).</param>
/// <param name="NetworkManagementByCode">0800 requests by DE70 (<c>001</c> sign-on, <c>002</c> sign-off, <c>301</c> echo).</param>
/// <param name="NotAnswered">Requests deliberately left unanswered.</param>
/// <param name="Delayed">Answers sent after a delay (delayed amount or delay fault).</param>
/// <param name="ReversalsReceived">0400/0401/0420/0421 received.</param>
/// <param name="ReversalRepeats">0401/0421 received.</param>
/// <param name="ReversalsOfUnknownOriginal">Reversals whose original this simulator never received.</param>
/// <param name="CompletionsApplied">Pre-authorization completions (0220/0221) applied to their 0100 (repeats not counted).</param>
/// <param name="GarbageFrames">Frames that did not parse as ISO 8583 (not answered).</param>
/// <param name="OversizeFrames">Frame headers above the maximum frame size (the connection is closed).</param>
/// <param name="UnexpectedResponses">Response MTIs (e.g. 0210) sent to the simulator (not answered).</param>
/// <param name="ProcessingErrors">Requests that hit a simulator bug (logged, not answered; should stay 0).</param>
public sealed record SimulatorStats(
    long ConnectionsAccepted,
    long ConnectionsOpen,
    long ConnectionsDropped,
    IReadOnlyDictionary<string, long> RequestsByMti,
    IReadOnlyDictionary<string, long> ResponsesByMti,
    IReadOnlyDictionary<string, long> ResponseCodes,
    IReadOnlyDictionary<string, long> NetworkManagementByCode,
    long NotAnswered,
    long Delayed,
    long ReversalsReceived,
    long ReversalRepeats,
    long ReversalsOfUnknownOriginal,
    long CompletionsApplied,
    long GarbageFrames,
    long OversizeFrames,
    long UnexpectedResponses,
    long ProcessingErrors);
