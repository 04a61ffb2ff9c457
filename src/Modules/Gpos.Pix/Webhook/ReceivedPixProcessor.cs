using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Gpos.Pix.Charges;
using Gpos.Pix.Lifecycle;
using Gpos.Pix.Shared;
using Gpos.Webhooks.Contracts;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gpos.Pix.Webhook;

/// <summary>
/// Notified Pix, a batch in ONE transaction (the PSP's <c>{"pix":[...]}</c> body, or the reconciler's recovered items).
/// A Pix seen the first time is checked against its charge (key, amount, status, expiry), then recorded with the charge
/// marked CONCLUIDA and its lifecycle applied (settled or blocked, with the ledger entries); or recorded and flagged,
/// never marking the charge paid, and the PSP asked for the charge's state (the body alone is not proof, pix-api.md
/// §4.1). Later notifications of the same <c>endToEndId</c> only add the lifecycle events they carry. The whole batch
/// commits or none of it does, so the PSP's retry of a failed delivery finds nothing half-written.
/// </summary>
internal sealed partial class ReceivedPixProcessor(
    NpgsqlDataSource db, PixNotificationApplier lifecycle, PixLedger ledger, IWebhookOutbox outbox, TimeProvider time,
    Channel<string> requery, ILogger<ReceivedPixProcessor> logger)
{
    public Task ProcessAsync(JsonObject? item, CancellationToken cancellationToken) => ProcessAsync([item], cancellationToken);

    public async Task ProcessAsync(IReadOnlyList<JsonObject?> items, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var notified = items.Select(Parse).ToList();
        var outcomes = new List<Action>();
        await using (var connection = await db.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await LockAsync(transaction, notified, cancellationToken);
            foreach (var pix in notified)
            {
                if (pix.Invalid)
                {
                    await InsertFlagAsync(connection, transaction, pix.EndToEndId is { Length: <= 64 } ? pix.EndToEndId : null,
                        pix.Txid is { Length: <= 64 } t ? t : null, "invalid_item", "The notified Pix does not respect the Pix schema.",
                        pix.Item ?? new JsonObject(), now, cancellationToken);
                    outcomes.Add(() => LogFlagged(logger, pix.EndToEndId, null, "invalid_item"));
                }
                else if (await ApplyAsync(connection, transaction, pix, now, cancellationToken) is { } outcome)
                {
                    outcomes.Add(outcome);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var outcome in outcomes)
        {
            outcome();
        }
    }

    private static Notified Parse(JsonObject? item)
    {
        var e2eid = Text(item, "endToEndId");
        var txid = Text(item, "txid");
        if (item is null || e2eid is null || !EndToEndId().IsMatch(e2eid) || !PixMoney.TryParse(Text(item, "valor"), out var valor)
            || !DateTimeOffset.TryParse(Text(item, "horario"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var horario))
        {
            return new Notified(item, e2eid, txid, 0, default, Invalid: true);
        }

        return new Notified(item, e2eid, txid, valor, horario, Invalid: false);
    }

    /// <summary>
    /// Every txid and Pix lock the batch needs, taken in one fixed order (by lock id) so two batches, or a batch and a
    /// charge or refund request, never wait on each other in a cycle.
    /// </summary>
    private static async Task LockAsync(NpgsqlTransaction transaction, List<Notified> notified, CancellationToken cancellationToken)
    {
        var keys = notified.Where(p => !p.Invalid)
            .SelectMany(p => p.Txid is null ? [TxidLocks.PixKey(p.EndToEndId!)] : new[] { TxidLocks.Key(p.Txid), TxidLocks.PixKey(p.EndToEndId!) })
            .ToArray();
        if (keys.Length > 0)
        {
            await TxidLocks.LockAllInTransactionAsync(transaction, keys, cancellationToken);
        }
    }

    /// <summary>One valid notified Pix, in the batch's transaction; what to log once it commits, if anything.</summary>
    private async Task<Action?> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Notified pix, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var (item, e2eid, txid, valor, horario) = (pix.Item!, pix.EndToEndId!, pix.Txid, pix.Valor, pix.Horario);
        var chave = Text(item, "chave");
        var (recorded, known) = await ReceivedPixRecord.LookupAsync(connection, transaction, e2eid, cancellationToken);
        if (known is not null)
        {
            // Seen before: a duplicate, a stale snapshot, or news (block, release, devoluções). Only new events apply.
            await lifecycle.ApplyAsync(transaction, known, item, cancellationToken);
            return null;
        }

        if (recorded)
        {
            return null; // recorded and flagged before: a flagged Pix has no lifecycle here
        }

        var charge = txid is null || !CobRequestParser.IsTxid(txid) ? null
            : await ChargeStore.FindAsync(connection, transaction, txid, null, cancellationToken);
        var (kind, detail) = Check(charge, chave, valor, horario);
        await InsertReceivedAsync(connection, transaction, e2eid, txid, charge?.MerchantId, chave, valor, horario, kind is null, item, now,
            cancellationToken);
        if (kind is null)
        {
            await ChargeStore.InsertStatusAsync(connection, transaction, charge!.Txid, "CONCLUIDA", "pix " + e2eid, now, cancellationToken);
            var received = new ReceivedPixRecord(e2eid, txid, charge.MerchantId, valor, horario, PixState.Processing, 0, 0, item);
            await lifecycle.ApplyAsync(transaction, received, item, cancellationToken);
            await outbox.EnqueueAsync(transaction, MerchantEvents.PixChargePaid(charge.MerchantId, charge.Txid, charge.Terms.Chave, item, now), cancellationToken);
            return () => LogPaid(logger, charge.Txid, e2eid, charge.MerchantId);
        }

        await InsertFlagAsync(connection, transaction, e2eid, txid, kind, detail!, item, now, cancellationToken);
        await ledger.FlaggedAsync(transaction, e2eid, charge?.MerchantId, valor, kind, horario, cancellationToken);
        return () =>
        {
            LogFlagged(logger, e2eid, txid, kind);
            if (charge is not null)
            {
                requery.Writer.TryWrite(charge.Txid);
            }
        };
    }

    private sealed record Notified(JsonObject? Item, string? EndToEndId, string? Txid, long Valor, DateTimeOffset Horario, bool Invalid);

    private static (string? Kind, string? Detail) Check(ChargeRecord? charge, string? chave, long valor, DateTimeOffset horario)
    {
        if (charge is null)
        {
            return ("unknown_charge", "No charge with this txid.");
        }

        if (chave is not null && chave != charge.Terms.Chave)
        {
            return ("key_mismatch", "The Pix was received on a key that is not the charge's.");
        }

        if (charge.Terms.ModalidadeAlteracao == 0 && valor != charge.Terms.ValorCentavos)
        {
            return ("amount_mismatch", $"Paid {PixMoney.Format(valor)}, charged {PixMoney.Format(charge.Terms.ValorCentavos)}.");
        }

        if (charge.Status == "CONCLUIDA")
        {
            return ("duplicate_payment", "The charge was already paid by another Pix: refund.");
        }

        if (charge.Status != "ATIVA")
        {
            return ("charge_not_active", $"The charge is {charge.Status}: refund.");
        }

        if (horario > charge.Criacao.AddSeconds(charge.Terms.Expiracao))
        {
            return ("paid_after_expiry", "The charge had expired (calendario.criacao + expiracao): refund.");
        }

        return (null, null);
    }

    private static async Task InsertReceivedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string e2eid, string? txid,
        string? merchantId, string? chave, long valor, DateTimeOffset horario, bool accepted, JsonObject payload, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO pix.received_pix (end_to_end_id, txid, merchant_id, chave, valor_centavos, horario, accepted, payload, received_at)
            VALUES (@e, @t, @m, @c, @v, @h, @a, @p::jsonb, @now)
            """, connection, transaction);
        command.Parameters.AddWithValue("e", e2eid);
        command.Parameters.AddWithValue("t", (object?)txid ?? DBNull.Value);
        command.Parameters.AddWithValue("m", (object?)merchantId ?? DBNull.Value);
        command.Parameters.AddWithValue("c", (object?)chave ?? DBNull.Value);
        command.Parameters.AddWithValue("v", valor);
        command.Parameters.AddWithValue("h", horario);
        command.Parameters.AddWithValue("a", accepted);
        command.Parameters.AddWithValue("p", payload.ToJsonString());
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task InsertFlagAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string? e2eid, string? txid, string kind,
        string detail, JsonObject payload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO pix.flagged_mismatches (end_to_end_id, txid, kind, detail, payload, flagged_at) VALUES (@e, @t, @k, @d, @p::jsonb, @now)
            """, connection, transaction);
        command.Parameters.AddWithValue("e", (object?)e2eid ?? DBNull.Value);
        command.Parameters.AddWithValue("t", (object?)txid ?? DBNull.Value);
        command.Parameters.AddWithValue("k", kind);
        command.Parameters.AddWithValue("d", detail);
        command.Parameters.AddWithValue("p", payload.ToJsonString());
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string? Text(JsonObject? item, string name) =>
        item?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    [GeneratedRegex("^[a-zA-Z0-9]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex EndToEndId();

    [LoggerMessage(LogLevel.Information, "Pix {EndToEndId} paid charge {Txid} of merchant {MerchantId}")]
    private static partial void LogPaid(ILogger logger, string txid, string endToEndId, string merchantId);

    [LoggerMessage(LogLevel.Warning, "Pix {EndToEndId} for charge {Txid} flagged: {Kind}")]
    private static partial void LogFlagged(ILogger logger, string? endToEndId, string? txid, string kind);
}
