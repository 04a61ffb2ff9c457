using System.Text.Json.Nodes;

namespace Gpos.PspSimulator.Faults;

internal static class FaultKind
{
    public const string Latency = "latency";
    public const string Error = "error";
    public const string Hang = "hang";
    public const string CommitThenDrop = "commitThenDrop";

    public static bool IsKnown(string? kind) => kind is Latency or Error or Hang or CommitThenDrop;
}

/// <summary>One injected fault. <see cref="Remaining"/> null means "until removed".</summary>
internal sealed class FaultRule
{
    public required string Id { get; init; }

    public required string Endpoint { get; init; }

    public string? Key { get; init; }

    public required string Kind { get; init; }

    public int LatencyMs { get; init; }

    public int Status { get; init; } = 503;

    public int? RetryAfterSeconds { get; init; }

    /// <summary>commitThenDrop only: send the status line and headers, then cut the body (clients never auto-retry).</summary>
    public bool AfterHeaders { get; init; }

    public int? Remaining { get; set; }

    public int Applied { get; set; }

    public bool Matches(string endpoint, string? key) =>
        (Endpoint == "*" || string.Equals(Endpoint, endpoint, StringComparison.Ordinal))
        && (Key is null || string.Equals(Key, key, StringComparison.Ordinal))
        && Remaining is null or > 0;

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["id"] = Id,
            ["endpoint"] = Endpoint,
            ["kind"] = Kind,
            ["applied"] = Applied,
        };
        if (Key is not null)
        {
            json["key"] = Key;
        }

        json["remaining"] = Remaining;
        switch (Kind)
        {
            case FaultKind.Latency:
                json["latencyMs"] = LatencyMs;
                break;
            case FaultKind.Error:
                json["status"] = Status;
                json["retryAfter"] = RetryAfterSeconds;
                break;
            case FaultKind.CommitThenDrop:
                json["afterHeaders"] = AfterHeaders;
                break;
        }

        return json;
    }
}

/// <summary>The fault rules in force; each matching request consumes one use of every rule it matches.</summary>
internal sealed class FaultBoard
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private int _nextId;

    public FaultRule Add(Func<string, FaultRule> create)
    {
        lock (_gate)
        {
            var rule = create("f" + (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture));
            _rules.Add(rule);
            return rule;
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _rules.RemoveAll(r => r.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    public JsonArray ToJson()
    {
        lock (_gate)
        {
            return new JsonArray(_rules.Select(r => (JsonNode)r.ToJson()).ToArray());
        }
    }

    public IReadOnlyList<FaultRule> Take(string endpoint, string? key)
    {
        lock (_gate)
        {
            var taken = _rules.Where(r => r.Matches(endpoint, key)).ToList();
            foreach (var rule in taken)
            {
                rule.Remaining--;
                rule.Applied++;
            }

            _rules.RemoveAll(r => r.Remaining is <= 0);
            return taken;
        }
    }
}
