using System.Text.Json;
using System.Text.Json.Serialization;
using Gpos.TerminalClient.Storage;

namespace Gpos.TerminalClient.Payments;

/// <summary>
/// The terminal's persistent outbox of confirmations and undos (<c>pending-decisions.json</c> in the store folder, written
/// atomically). A decision is written here before it is sent and removed once GPOS has it, so one that could not be
/// delivered (GPOS unreachable, the terminal switched off) is sent again on the next run. A sale GPOS never hears about
/// is reversed by GPOS after its confirmation window; that is why an undo still matters, and why both must survive
/// restarts. The file never holds a PAN, track or PIN: only sale ids, amounts and masked PANs.
/// </summary>
public sealed class DecisionOutbox
{
    private const string FileName = "pending-decisions.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly string _path;
    private readonly Lock _lock = new();

    /// <summary>The queue of the terminal in <paramref name="store"/>.</summary>
    public DecisionOutbox(TerminalStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _path = Path.Combine(store.DirectoryPath, FileName);
    }

    /// <summary>The file that holds the queue.</summary>
    public string FilePath => _path;

    /// <summary>The decisions not yet delivered, oldest first.</summary>
    public IReadOnlyList<PendingDecision> Pending()
    {
        lock (_lock)
        {
            return Load();
        }
    }

    /// <summary>Records a decision (replacing an earlier one for the same sale).</summary>
    public void Add(PendingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        Update(items => [.. items.Where(d => d.SaleId != decision.SaleId), decision]);
    }

    /// <summary>Sends every pending decision, oldest first; delivered ones leave the queue, failed ones stay with their error.</summary>
    public async Task<IReadOnlyList<DecisionDelivery>> DeliverAsync(CardClient cards, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var results = new List<DecisionDelivery>();
        foreach (var pending in Pending())
        {
            var (sale, problem, final) = await cards.DecideAsync(pending.SaleId, pending.Decision, cancellationToken);
            if (final)
            {
                Update(items => [.. items.Where(d => d.SaleId != pending.SaleId)]);
            }
            else
            {
                Update(items => [.. items.Select(d => d.SaleId == pending.SaleId
                    ? d with { Attempts = d.Attempts + 1, LastError = problem?.ToString() }
                    : d)]);
            }

            results.Add(new DecisionDelivery(pending, final, sale, problem));
        }

        return results;
    }

    private void Update(Func<IReadOnlyList<PendingDecision>, List<PendingDecision>> change)
    {
        lock (_lock)
        {
            AtomicFile.WriteAllText(_path, JsonSerializer.Serialize(change(Load()), Json));
        }
    }

    private List<PendingDecision> Load() => File.Exists(_path)
        ? JsonSerializer.Deserialize<List<PendingDecision>>(File.ReadAllText(_path), Json) ?? []
        : [];
}
