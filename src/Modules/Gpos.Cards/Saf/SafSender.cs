using System.Globalization;
using Gpos.Cards.HostLink;
using Gpos.Iso8583;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gpos.Cards.Saf;

/// <summary>
/// Works one due store-and-forward item: claimed with <c>FOR UPDATE SKIP LOCKED</c> (so with several instances each item
/// is worked by exactly one at a time), sent as the queue's first MTI (its repeat form once sent before, iso8583.md §2)
/// with DE90 from the original, the attempt recorded append-only, the item completed when the host answers 00, else
/// retried with backoff. After <see cref="CardsOptions.SafMaxAttempts"/> counted attempts (refused, unanswered or link
/// lost after sending) the item is flagged for manual intervention and no longer sent until ops re-queue it.
/// </summary>
internal sealed partial class SafSender(
    NpgsqlDataSource dataSource,
    CardHostChannel channel,
    CardsMetrics metrics,
    TimeProvider clock,
    IOptions<CardsOptions> options,
    ILogger<SafSender> logger)
{
    public async Task<bool> TrySendOneAsync(SafQueue queue, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var item = await ClaimAsync(queue, tx, now, cancellationToken);
        if (item is null)
        {
            return false;
        }

        var mti = item.Attempts == 0 ? queue.First : queue.Repeat;
        var stan = channel.NextStan(item.HostTerminalId);
        var message = BuildMessage(mti, stan, item, now);
        var exchange = await channel.ExchangeAsync(message, cancellationToken);
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
        var strikes = item.Strikes + (sent && outcome != "acknowledged" ? 1 : 0);
        var flag = strikes >= options.Value.SafMaxAttempts;
        var at = clock.GetUtcNow();
        await RecordAsync(queue, tx, item.Id, attempts, mti.ToString(), stan, outcome, code, at, cancellationToken);
        var retryDelay = TimeSpan.FromTicks(Math.Min(
            options.Value.ReversalRetryDelay.Ticks * (1L << Math.Min(Math.Max(attempts - 1, 0), 20)),
            options.Value.ReversalMaxRetryDelay.Ticks));
        await UpdateQueueAsync(queue, tx, item.Id, attempts, strikes, outcome == "acknowledged" ? at : null, at + retryDelay,
            flag ? at : null, cancellationToken);
        if (flag)
        {
            await SafInterventions.RecordAsync(tx, queue, item.Id, "flagged", attempts,
                $"{strikes} attempts without acknowledgement (last: {outcome})", at, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        metrics.SafAttempt(queue.Kind, outcome);
        LogAttempt(queue.Kind, item.Id, item.SaleId, mti.ToString(), outcome, attempts);
        if (flag)
        {
            metrics.SafFlagged(queue.Kind);
            LogFlagged(queue.Kind, item.Id, item.SaleId, strikes);
        }

        return sent;
    }

    private static Iso8583Message BuildMessage(Mti mti, int stan, SafItem item, DateTimeOffset now)
    {
        var message = new Iso8583Message(mti)
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
        if (mti.MessageClass == 2 && item.AuthId is not null)
        {
            message.AuthId38 = item.AuthId; // a completion names the approval it captures
        }

        message.SetOriginalData90(new OriginalDataElements(Mti.Parse(item.OriginalMti), item.OriginalStan,
            item.OriginalTransmissionDateTime, item.AcquirerId, ""));
        return message;
    }

    private static async Task<SafItem?> ClaimAsync(SafQueue queue, NpgsqlTransaction tx, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT q.{queue.IdColumn}, q.attempts, q.strikes, a.sale_id, a.mti, a.processing_code, {queue.AmountColumn}, a.stan,
                   a.transmission_date_time, a.acquirer_id, a.rrn, a.host_terminal_id, a.host_merchant_id, a.currency, r.auth_id
            {queue.ItemSelect}
            WHERE q.completed_at IS NULL AND q.flagged_at IS NULL AND q.next_attempt_at <= $1 AND {queue.ReadyCondition}
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

        var authId = await r.IsDBNullAsync(14, cancellationToken) ? null : r.GetString(14);
        return new SafItem(r.GetGuid(0), r.GetInt32(1), r.GetInt32(2), r.GetGuid(3), r.GetString(4), r.GetString(5), r.GetInt64(6),
            r.GetInt32(7), r.GetString(8), r.GetString(9), r.GetString(10), r.GetString(11), r.GetString(12), r.GetString(13),
            authId);
    }

    private static async Task RecordAsync(SafQueue queue, NpgsqlTransaction tx, Guid id, int attempt, string mti, int stan,
        string outcome, string? code, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {queue.AttemptsTable} ({queue.IdColumn}, attempt, mti, stan, outcome, response_code, attempted_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, tx.Connection, tx);
        object?[] values = [id, attempt, mti, stan, outcome, code, at];
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task UpdateQueueAsync(SafQueue queue, NpgsqlTransaction tx, Guid id, int attempts, int strikes,
        DateTimeOffset? completedAt, DateTimeOffset nextAttemptAt, DateTimeOffset? flaggedAt, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            UPDATE {queue.Table} SET attempts = $2, strikes = $3, completed_at = $4, next_attempt_at = $5, flagged_at = $6
            WHERE {queue.IdColumn} = $1
            """, tx.Connection, tx);
        object?[] values = [id, attempts, strikes, completedAt, nextAttemptAt, flaggedAt];
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "SAF {Kind} {ItemId} of card {SaleId}: {Mti} {Outcome} (attempt {Attempt})")]
    private partial void LogAttempt(string kind, Guid itemId, Guid saleId, string mti, string outcome, int attempt);

    [LoggerMessage(LogLevel.Warning,
        "SAF {Kind} {ItemId} of card {SaleId} flagged for manual intervention after {Strikes} attempts; no longer retried until re-queued")]
    private partial void LogFlagged(string kind, Guid itemId, Guid saleId, int strikes);
}
