using System.Globalization;
using Gpos.Cards.HostLink;
using Gpos.Iso8583;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gpos.Cards.Saf;

/// <summary>
/// Works one due store-and-forward item: claimed with <c>FOR UPDATE SKIP LOCKED</c> (so with several instances each item
/// is worked by exactly one at a time), sent as 0400 (0401 once sent before, iso8583.md §2) with DE90 from the original,
/// the attempt recorded append-only, the item completed when the host answers 0410 with 00, else retried with backoff.
/// </summary>
internal sealed partial class ReversalSender(
    NpgsqlDataSource dataSource,
    CardHostChannel channel,
    CardsMetrics metrics,
    TimeProvider clock,
    IOptions<CardsOptions> options,
    ILogger<ReversalSender> logger)
{
    public async Task<bool> TrySendOneAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var item = await ClaimAsync(tx, now, cancellationToken);
        if (item is null)
        {
            return false;
        }

        var mti = item.Attempts == 0 ? Mti.ReversalRequest : Mti.ReversalRequestRepeat;
        var stan = channel.NextStan(item.HostTerminalId);
        var reversal = new Iso8583Message(mti)
        {
            ProcessingCode3 = item.ProcessingCode,
            AmountTransaction4 = item.Amount,
            TransmissionDateTime7 = now.ToString("MMddHHmmss", CultureInfo.InvariantCulture),
            Stan11 = stan,
            AcquirerId32 = item.AcquirerId,
            Rrn37 = item.Rrn,
            TerminalId41 = item.HostTerminalId,
            MerchantId42 = item.HostMerchantId,
            Currency49 = item.Currency,
        };
        reversal.SetOriginalData90(new OriginalDataElements(Mti.Parse(item.OriginalMti), item.OriginalStan,
            item.OriginalTransmissionDateTime, item.AcquirerId, ""));

        var exchange = await channel.ExchangeAsync(reversal, cancellationToken);
        var code = exchange.Response?.ResponseCode39;
        var outcome = exchange.Kind switch
        {
            HostExchangeKind.Answered when code == "00" => "acknowledged",
            HostExchangeKind.Answered => "refused",
            HostExchangeKind.NotSent => "not-sent",
            HostExchangeKind.TimedOut => "timeout",
            _ => "connection-lost",
        };
        var sent = exchange.Kind != HostExchangeKind.NotSent;
        var attempts = item.Attempts + (sent ? 1 : 0);
        var at = clock.GetUtcNow();
        await RecordAsync(tx, item.ReversalId, attempts, mti.ToString(), stan, outcome, code, at, cancellationToken);
        var retryDelay = TimeSpan.FromTicks(Math.Min(
            options.Value.ReversalRetryDelay.Ticks * (1L << Math.Min(Math.Max(attempts - 1, 0), 20)),
            options.Value.ReversalMaxRetryDelay.Ticks));
        await UpdateQueueAsync(tx, item.ReversalId, attempts, outcome == "acknowledged" ? at : null, at + retryDelay,
            cancellationToken);
        await tx.CommitAsync(cancellationToken);
        metrics.ReversalAttempt(outcome);
        LogAttempt(item.ReversalId, item.SaleId, mti.ToString(), outcome, attempts);
        return sent;
    }

    private static async Task<SafItem?> ClaimAsync(NpgsqlTransaction tx, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT q.reversal_id, q.attempts, a.sale_id, a.mti, a.processing_code, a.amount, a.stan, a.transmission_date_time,
                   a.acquirer_id, a.rrn, a.host_terminal_id, a.host_merchant_id, a.currency
            FROM cards.saf_queue q
            JOIN cards.reversals v ON v.reversal_id = q.reversal_id
            JOIN cards.authorizations a ON a.sale_id = v.sale_id
            WHERE q.completed_at IS NULL AND q.next_attempt_at <= $1
            ORDER BY q.next_attempt_at
            LIMIT 1
            FOR UPDATE OF q SKIP LOCKED
            """, tx.Connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        if (!await r.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new SafItem(r.GetGuid(0), r.GetInt32(1), r.GetGuid(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetInt32(6),
            r.GetString(7), r.GetString(8), r.GetString(9), r.GetString(10), r.GetString(11), r.GetString(12));
    }

    private static async Task RecordAsync(NpgsqlTransaction tx, Guid reversalId, int attempt, string mti, int stan, string outcome,
        string? code, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO cards.reversal_attempts (reversal_id, attempt, mti, stan, outcome, response_code, attempted_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, tx.Connection, tx);
        object?[] values = [reversalId, attempt, mti, stan, outcome, code, at];
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task UpdateQueueAsync(NpgsqlTransaction tx, Guid reversalId, int attempts, DateTimeOffset? completedAt,
        DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE cards.saf_queue SET attempts = $2, completed_at = $3, next_attempt_at = $4 WHERE reversal_id = $1",
            tx.Connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = reversalId });
        command.Parameters.Add(new NpgsqlParameter { Value = attempts });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)completedAt ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = nextAttemptAt });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Reversal {ReversalId} of card {SaleId}: {Mti} {Outcome} (attempt {Attempt})")]
    private partial void LogAttempt(Guid reversalId, Guid saleId, string mti, string outcome, int attempt);
}
