using System.Text.Json.Nodes;
using Gpos.PspSimulator.Pix;

namespace Gpos.PspSimulator.Webhooks;

/// <summary>One webhook POST (with its retries) as the control API reports it.</summary>
internal sealed class Delivery
{
    public required long Id { get; init; }

    public required string Reason { get; init; }

    public required string Chave { get; init; }

    public Uri? Url { get; init; }

    public required JsonArray Pix { get; init; }

    public List<JsonObject> Attempts { get; } = [];

    /// <summary>pending, delivered, failed, or skipped (no webhook registered for the key).</summary>
    public string Outcome { get; set; } = "pending";
}

/// <summary>Every webhook the simulator sent or skipped, in order (control API <c>GET /control/webhooks/deliveries</c>).</summary>
internal sealed class DeliveryLog(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly List<Delivery> _deliveries = [];
    private long _nextId;

    public Delivery Add(string reason, string chave, Uri? url, JsonArray pix)
    {
        lock (_gate)
        {
            var delivery = new Delivery { Id = ++_nextId, Reason = reason, Chave = chave, Url = url, Pix = pix, Outcome = url is null ? "skipped" : "pending" };
            _deliveries.Add(delivery);
            return delivery;
        }
    }

    public void Attempt(Delivery delivery, int? status, string? error, string? outcome)
    {
        lock (_gate)
        {
            var attempt = new JsonObject { ["at"] = PixTime.Format(clock.GetUtcNow()) };
            if (status is not null)
            {
                attempt["status"] = status;
            }

            if (error is not null)
            {
                attempt["error"] = error;
            }

            delivery.Attempts.Add(attempt);
            if (outcome is not null)
            {
                delivery.Outcome = outcome;
            }
        }
    }

    /// <summary>Each Pix object sent so far (attempted, whatever the answer), in sending order, for replays.</summary>
    public IReadOnlyList<(string Chave, JsonObject Pix)> SentPix()
    {
        lock (_gate)
        {
            return _deliveries
                .Where(d => d.Url is not null && d.Attempts.Count > 0 && d.Reason != "replay")
                .SelectMany(d => d.Pix.Select(p => (d.Chave, p!.DeepClone().AsObject())))
                .ToList();
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _deliveries.Clear();
        }
    }

    public JsonObject ToJson()
    {
        lock (_gate)
        {
            var list = new JsonArray();
            foreach (var d in _deliveries)
            {
                list.Add(new JsonObject
                {
                    ["id"] = d.Id,
                    ["reason"] = d.Reason,
                    ["chave"] = d.Chave,
                    ["url"] = d.Url?.ToString(),
                    ["outcome"] = d.Outcome,
                    ["attempts"] = new JsonArray(d.Attempts.Select(a => (JsonNode)a.DeepClone()).ToArray()),
                    ["body"] = new JsonObject { ["pix"] = d.Pix.DeepClone() },
                });
            }

            return new JsonObject { ["deliveries"] = list };
        }
    }
}
