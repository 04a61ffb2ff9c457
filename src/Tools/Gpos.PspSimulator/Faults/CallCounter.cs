using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Gpos.PspSimulator.Faults;

/// <summary>Counts every API Pix request that reached the simulator (faulted ones included), per endpoint and key.</summary>
internal sealed class CallCounter
{
    private readonly ConcurrentDictionary<(string Endpoint, string Key), int> _counts = new();

    public void Record(string endpoint, string? key) =>
        _counts.AddOrUpdate((endpoint, key ?? ""), 1, static (_, n) => n + 1);

    public void Reset() => _counts.Clear();

    public JsonObject ToJson()
    {
        var snapshot = _counts.ToArray();
        var endpoints = new JsonObject();
        foreach (var group in snapshot.GroupBy(c => c.Key.Endpoint).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var keys = new JsonObject();
            foreach (var entry in group.OrderBy(e => e.Key.Key, StringComparer.Ordinal))
            {
                keys[entry.Key.Key] = entry.Value;
            }

            endpoints[group.Key] = new JsonObject { ["total"] = group.Sum(e => e.Value), ["keys"] = keys };
        }

        return new JsonObject { ["total"] = snapshot.Sum(e => e.Value), ["endpoints"] = endpoints };
    }
}
