using Gpos.Iso8583;

namespace Gpos.CardHostSimulator.State;

/// <summary>
/// Everything the control API shows: recorded requests and reversals (bounded, oldest dropped first), counters and the
/// current fault. One lock: the work under it is a few dictionary operations per message.
/// </summary>
internal sealed class SimulatorState(TimeProvider time, int capacity)
{
    private readonly Lock _lock = new();
    private readonly FaultState _fault = new();
    private readonly Queue<MessageEntry> _messages = new();
    private readonly Queue<ReversalEntry> _reversals = new();
    private readonly Dictionary<OriginalKey, MessageEntry> _originals = [];
    private readonly Dictionary<OriginalKey, int> _reversedOriginals = [];
    private Counters _counters = new();
    private long _sequence;
    private long _connectionsOpen;
    private long _referenceNumber;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Records a parsed request and, for 0100/0200, indexes it for reversal look-ups.</summary>
    public MessageEntry Record(long connectionId, Iso8583Message request)
    {
        lock (_lock)
        {
            var entry = new MessageEntry(++_sequence, connectionId, Now, request);
            Enqueue(_messages, entry, Evict);
            Increment(_counters.RequestsByMti, entry.Mti.ToString());
            if (entry.NetworkManagementCode is { } code)
            {
                Increment(_counters.NetworkManagementByCode, code);
            }

            if (entry.Mti.MessageClass is 1 or 2 && entry.Mti.Function == 0 && KeyOf(entry) is { } key)
            {
                _originals[key] = entry;
            }

            return entry;
        }
    }

    /// <summary>Records a reversal request (already recorded as a message) and finds its original.</summary>
    public ReversalEntry RecordReversal(MessageEntry entry, Iso8583Message request)
    {
        lock (_lock)
        {
            string? originalData = request.OriginalData90;
            bool hasDe90 = request.TryGetOriginalData90(out var de90);
            int? originalStan = hasDe90 ? de90.OriginalStan : entry.Stan;
            var original = FindOriginal(entry.TerminalId, originalStan, hasDe90 ? de90.OriginalMti.MessageClass : null);
            var reversedKey = new OriginalKey(
                original?.Mti.MessageClass ?? (hasDe90 ? de90.OriginalMti.MessageClass : 0),
                entry.TerminalId ?? string.Empty,
                originalStan ?? -1);
            bool duplicate = _reversedOriginals.TryGetValue(reversedKey, out int seen) && seen > 0;
            _reversedOriginals[reversedKey] = seen + 1;

            var reversal = new ReversalEntry(entry, reversedKey, originalData, hasDe90 ? de90.OriginalMti.ToString() : null,
                originalStan, hasDe90 ? de90.OriginalTransmissionDateTime : null, original, duplicate);
            entry.Reversal = reversal;
            if (original is not null)
            {
                original.Reversed = true;
            }

            Enqueue(_reversals, reversal, evicted => _reversedOriginals[evicted.ReversedKey]--);
            _counters.ReversalsReceived++;
            _counters.ReversalRepeats += entry.Mti.IsRepeat ? 1 : 0;
            _counters.ReversalsOfUnknownOriginal += original is null ? 1 : 0;
            return reversal;
        }
    }

    /// <summary>
    /// Applies a pre-authorization completion advice (0220/0221) to its original, named by DE90: the DE39 to answer.
    /// 00 when the original is an approved, unreversed 0100 and the amount is at most the authorized one (a repeat of an
    /// applied completion with the same amount is acknowledged again); 30 without DE90; 12 when the original is unknown,
    /// not an approved 0100 or reversed; 13 above the authorized amount; 94 when it was completed with another amount.
    /// </summary>
    public string ApplyCompletion(MessageEntry entry, Iso8583Message request)
    {
        lock (_lock)
        {
            if (!request.TryGetOriginalData90(out var de90) || entry.Amount is not { } amount)
            {
                return Rules.AuthorizationRules.FormatError;
            }

            var original = de90.OriginalMti.MessageClass == 1 ? FindOriginal(entry.TerminalId, de90.OriginalStan, 1) : null;
            if (original is null || original.ResponseCode != Rules.AuthorizationRules.Approved || original.Reversed)
            {
                return Rules.AuthorizationRules.InvalidTransaction;
            }

            if (original.CompletedAmount is { } done)
            {
                return done == amount ? Rules.AuthorizationRules.Approved : Rules.AuthorizationRules.DuplicateTransmission;
            }

            if (amount > original.Amount)
            {
                return Rules.AuthorizationRules.InvalidAmount;
            }

            original.CompletedAmount = amount;
            _counters.CompletionsApplied++;
            return Rules.AuthorizationRules.Approved;
        }
    }

    /// <summary>Marks what happened to a request; counts the answer when one was sent.</summary>
    public void Complete(MessageEntry entry, MessageOutcome outcome, Iso8583Message? response, bool delayed)
    {
        lock (_lock)
        {
            entry.Outcome = outcome;
            entry.RespondedAt = outcome is MessageOutcome.Answered or MessageOutcome.ConnectionDropped ? Now : null;
            switch (outcome)
            {
                case MessageOutcome.Answered when response is not null:
                    entry.ResponseCode = response.ResponseCode39;
                    entry.AuthId = response.AuthId38;
                    entry.Rrn = response.Rrn37 ?? entry.Rrn;
                    Increment(_counters.ResponsesByMti, response.Mti.ToString());
                    if (entry.ResponseCode is { } code)
                    {
                        Increment(_counters.ResponseCodes, code);
                    }

                    _counters.Delayed += delayed ? 1 : 0;
                    break;
                case MessageOutcome.NotAnswered:
                    _counters.NotAnswered++;
                    break;
                case MessageOutcome.ConnectionDropped:
                    _counters.ConnectionsDropped++;
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>A number for generated DE37 (RRN) and DE38 (auth id) values; unique until a reset.</summary>
    public long NextReferenceNumber() => Interlocked.Increment(ref _referenceNumber);

    public (FaultMode Mode, TimeSpan Delay) TakeFault(Mti mti)
    {
        lock (_lock)
        {
            return _fault.Take(mti);
        }
    }

    public FaultSettings GetFaults()
    {
        lock (_lock)
        {
            return _fault.Settings;
        }
    }

    public void SetFaults(FaultSettings settings)
    {
        lock (_lock)
        {
            _fault.Set(settings);
        }
    }

    public void ConnectionOpened()
    {
        lock (_lock)
        {
            _counters.ConnectionsAccepted++;
            _connectionsOpen++;
        }
    }

    public void ConnectionClosed()
    {
        lock (_lock)
        {
            _connectionsOpen--;
        }
    }

    public void Count(Action<Counters> increment)
    {
        lock (_lock)
        {
            increment(_counters);
        }
    }

    public SimulatorStats GetStats()
    {
        lock (_lock)
        {
            var c = _counters;
            return new SimulatorStats(c.ConnectionsAccepted, _connectionsOpen, c.ConnectionsDropped,
                Copy(c.RequestsByMti), Copy(c.ResponsesByMti), Copy(c.ResponseCodes), Copy(c.NetworkManagementByCode),
                c.NotAnswered, c.Delayed, c.ReversalsReceived, c.ReversalRepeats, c.ReversalsOfUnknownOriginal, c.CompletionsApplied,
                c.GarbageFrames, c.OversizeFrames, c.UnexpectedResponses, c.ProcessingErrors);
        }
    }

    /// <summary>The last <paramref name="limit"/> recorded requests, oldest first.</summary>
    public IReadOnlyList<RecordedMessage> GetMessages(int limit, string? terminalId)
    {
        lock (_lock)
        {
            return _messages.Where(m => terminalId is null || string.Equals(m.TerminalId, terminalId, StringComparison.Ordinal))
                .TakeLast(limit)
                .Select(m => m.ToRecord())
                .ToList();
        }
    }

    /// <summary>The recorded reversals, oldest first.</summary>
    public IReadOnlyList<RecordedReversal> GetReversals(string? terminalId)
    {
        lock (_lock)
        {
            return _reversals
                .Where(r => terminalId is null || string.Equals(r.Request.TerminalId, terminalId, StringComparison.Ordinal))
                .Select(r => r.ToRecord())
                .ToList();
        }
    }

    /// <summary>Clears records, counters and the fault. Open connections stay open (and counted).</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _messages.Clear();
            _reversals.Clear();
            _originals.Clear();
            _reversedOriginals.Clear();
            _counters = new Counters();
            _fault.Set(FaultSettings.None);
            _sequence = 0;
        }
    }

    private static Dictionary<string, long> Copy(Dictionary<string, long> source) =>
        new(source.OrderBy(p => p.Key, StringComparer.Ordinal), StringComparer.Ordinal);

    private static void Increment(Dictionary<string, long> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static OriginalKey? KeyOf(MessageEntry entry) =>
        entry.TerminalId is { } terminal && entry.Stan is { } stan ? new OriginalKey(entry.Mti.MessageClass, terminal, stan) : null;

    private MessageEntry? FindOriginal(string? terminalId, int? stan, int? messageClass)
    {
        if (terminalId is null || stan is not { } s)
        {
            return null;
        }

        // Without DE90 the original's class is unknown: a purchase (0200) is the likelier original.
        foreach (int c in messageClass is { } known ? [known] : (int[])[2, 1])
        {
            if (_originals.TryGetValue(new OriginalKey(c, terminalId, s), out var original))
            {
                return original;
            }
        }

        return null;
    }

    private void Enqueue<T>(Queue<T> queue, T item, Action<T> onEvict)
    {
        queue.Enqueue(item);
        while (queue.Count > capacity)
        {
            onEvict(queue.Dequeue());
        }
    }

    private void Evict(MessageEntry evicted)
    {
        if (KeyOf(evicted) is { } key && _originals.TryGetValue(key, out var current) && ReferenceEquals(current, evicted))
        {
            _originals.Remove(key);
        }
    }
}
