using System.Collections.Concurrent;

namespace Gpos.LoadGen.Scenarios;

/// <summary>A charge GPOS created (and registered at the PSP) that nobody has paid yet.</summary>
internal sealed record PayableCharge(string Txid, long ValorCentavos);

/// <summary>
/// Charges created by the charge scenarios: every one can be read back (status scenario), each unpaid one can be paid once
/// (notification scenarios take them out).
/// </summary>
internal sealed class ChargePool
{
    private readonly ConcurrentQueue<PayableCharge> _unpaid = new();
    private readonly Lock _gate = new();
    private readonly List<string> _known = [];

    public int UnpaidCount => _unpaid.Count;

    public int KnownCount
    {
        get
        {
            lock (_gate)
            {
                return _known.Count;
            }
        }
    }

    public void Add(PayableCharge charge)
    {
        _unpaid.Enqueue(charge);
        lock (_gate)
        {
            _known.Add(charge.Txid);
        }
    }

    /// <summary>Some charge created so far (spread over all of them by <paramref name="sequence"/>), or null when none.</summary>
    public string? AnyKnown(long sequence)
    {
        lock (_gate)
        {
            return _known.Count == 0 ? null : _known[(int)((ulong)(sequence * 7_919) % (ulong)_known.Count)];
        }
    }

    /// <summary>Takes <paramref name="count"/> unpaid charges, or none (false) when fewer are left.</summary>
    public bool TryTake(int count, out PayableCharge[] charges)
    {
        charges = new PayableCharge[count];
        for (var i = 0; i < count; i++)
        {
            if (!_unpaid.TryDequeue(out var charge))
            {
                for (var j = 0; j < i; j++)
                {
                    _unpaid.Enqueue(charges[j]);
                }

                charges = [];
                return false;
            }

            charges[i] = charge;
        }

        return true;
    }
}
