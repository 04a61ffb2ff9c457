using System.Globalization;

namespace Gpos.LoadGen.Running;

/// <summary>How load is offered: closed loop (a fixed number of operations in flight) or open loop (a fixed start rate).</summary>
/// <param name="Concurrency">Closed loop: operations in flight. Open loop: the most allowed in flight (later ones wait,
/// and their wait counts in their latency).</param>
/// <param name="RatePerSecond">Open loop when set: operations started per second.</param>
internal sealed record LoadShape(int Concurrency, double? RatePerSecond)
{
    public bool IsOpenLoop => RatePerSecond is not null;

    public override string ToString() => RatePerSecond is { } rate
        ? string.Create(CultureInfo.InvariantCulture, $"open loop, {rate:0.#} ops/s (at most {Concurrency} in flight)")
        : string.Create(CultureInfo.InvariantCulture, $"closed loop, {Concurrency} in flight");
}
