using System.Text.Json.Nodes;
using Gpos.Pix.Psp;
using Gpos.Pix.Shared;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gpos.Pix.Charges;

/// <summary>
/// Creating and revising charges (design.md §3): record the intent, PUT the same txid at the PSP, record the result.
/// All of it runs under the txid lock, so the same body repeated (concurrently, later, on any instance) reaches the PSP
/// once; a timeout leaves the intent for a retry or the reconciler.
/// </summary>
internal sealed partial class ChargeService(NpgsqlDataSource db, PspClient psp, TxidLocks locks, TimeProvider time, ILogger<ChargeService> logger)
{
    public async Task<ChargeOutcome> PutAsync(string merchantId, string txid, CobTerms terms, string requestJson, bool failFastIfBusy,
        CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var key = await ChargeStore.FindKeyAsync(connection, terms.Chave, cancellationToken);
        if (key is null || key.Value.MerchantId != merchantId)
        {
            return ChargeOutcome.Invalid(new Violacao(
                "A chave não corresponde a uma chave DICT pertencente a este usuário recebedor.", "cob.chave", terms.Chave));
        }

        await using var held = await locks.AcquireAsync(connection, txid, failFastIfBusy, cancellationToken);
        if (held is null)
        {
            return ChargeOutcome.InFlight;
        }

        var current = await ChargeStore.FindAsync(connection, null, txid, null, cancellationToken);
        if (current is null && await ChargeStore.FindOwnerAsync(connection, txid, cancellationToken) is { } owner)
        {
            // Every revision of this txid was refused by the PSP: the charge never existed there and is not ATIVA here.
            return ChargeOutcome.Invalid(new Violacao(owner == merchantId
                ? "A cobrança foi recusada pelo PSP e não pode ser alterada." : "O txid informado já está em uso.", "cob.txid", txid));
        }

        if (current is not null && current.MerchantId != merchantId)
        {
            // The txid is GPOS-wide at the PSP; another merchant's charge is not revealed.
            return ChargeOutcome.Invalid(new Violacao("O txid informado já está em uso.", "cob.txid", txid));
        }

        int revisao;
        if (current is not null && current.Terms.Canonical() == terms.Canonical())
        {
            if (!current.Pending)
            {
                return ChargeOutcome.Ok(current); // replay: no PSP call
            }

            revisao = current.Revisao; // a previous attempt's intent: finish it with the same txid
        }
        else
        {
            if (current is not null && current.Status != "ATIVA")
            {
                return ChargeOutcome.Invalid(new Violacao(
                    $"A cobrança não está ATIVA ({current.Status}) e não pode ser alterada.", "cob.status", current.Status));
            }

            revisao = await RecordIntentAsync(connection, txid, merchantId, terms, requestJson, isNew: current is null, cancellationToken);
        }

        return await CallPspAsync(connection, txid, revisao, terms, cancellationToken);
    }

    public async Task<ChargeOutcome> PatchAsync(string merchantId, string txid, CobRequestParser.CobFields fields, string requestJson,
        CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var owner = await ChargeStore.FindOwnerAsync(connection, txid, cancellationToken);
        if (owner != merchantId)
        {
            return ChargeOutcome.Missing;
        }

        if (fields.Status is null)
        {
            var current = await ChargeStore.FindAsync(connection, null, txid, null, cancellationToken);
            await connection.CloseAsync();
            return current is null ? ChargeOutcome.Missing
                : await PutAsync(merchantId, txid, CobRequestParser.Apply(current.Terms, fields), requestJson, false, cancellationToken);
        }

        await using var held = await locks.AcquireAsync(connection, txid, false, cancellationToken);
        var charge = await ChargeStore.FindAsync(connection, null, txid, null, cancellationToken);
        if (charge is null)
        {
            return ChargeOutcome.Missing;
        }

        if (charge.Status != "ATIVA")
        {
            return ChargeOutcome.Invalid(new Violacao($"A cobrança não está ATIVA ({charge.Status}).", "cob.status", charge.Status));
        }

        // Removal is not idempotent at the PSP's API (PATCH): one attempt, no retry.
        var answer = await psp.PatchCobAsync(txid, new JsonObject { ["status"] = fields.Status }, cancellationToken);
        if (answer.Outcome == PspOutcome.Unavailable)
        {
            return ChargeOutcome.PspUnavailable;
        }

        if (answer.Outcome == PspOutcome.Rejected)
        {
            return ChargeOutcome.Invalid(PspViolacoes(answer));
        }

        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await ChargeStore.InsertStatusAsync(connection, transaction, txid, fields.Status, "receiver", time.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return ChargeOutcome.Ok((await ChargeStore.FindAsync(connection, null, txid, null, cancellationToken))!);
    }

    /// <summary>The reconciler's entry: finish the pending intent of <paramref name="txid"/> with the same PUT.</summary>
    public async Task<bool> CompletePendingAsync(string txid, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var held = await locks.AcquireAsync(connection, txid, true, cancellationToken);
        if (held is null)
        {
            return false; // a request is working on it
        }

        var current = await ChargeStore.FindAsync(connection, null, txid, null, cancellationToken);
        if (current is null || !current.Pending)
        {
            return true;
        }

        var outcome = await CallPspAsync(connection, txid, current.Revisao, current.Terms, cancellationToken);
        return !outcome.Unavailable;
    }

    private async Task<int> RecordIntentAsync(NpgsqlConnection connection, string txid, string merchantId, CobTerms terms, string requestJson,
        bool isNew, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (isNew)
        {
            await ChargeStore.InsertChargeAsync(connection, transaction, txid, merchantId, now, cancellationToken);
        }

        var revisao = await ChargeStore.NextRevisionAsync(connection, transaction, txid, cancellationToken);
        await ChargeStore.InsertRevisionWithIntentAsync(connection, transaction, txid, revisao, requestJson, terms, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogIntent(logger, txid, revisao, merchantId);
        return revisao;
    }

    private async Task<ChargeOutcome> CallPspAsync(NpgsqlConnection connection, string txid, int revisao, CobTerms terms,
        CancellationToken cancellationToken)
    {
        var answer = await psp.PutCobAsync(txid, CobJson.Solicitada(terms), cancellationToken);
        if (answer.Outcome == PspOutcome.Unavailable)
        {
            return ChargeOutcome.PspUnavailable; // the intent stays; a retry or the reconciler finishes it
        }

        return await RecordAnswerAsync(connection, txid, revisao, answer, answer.Outcome == PspOutcome.Accepted, cancellationToken);
    }

    /// <summary>
    /// The reconciler's entry for an intent too old to keep retrying: ask the PSP (GET) what it has. The revision there →
    /// completed; nothing (or an older revision) → the intent is abandoned (a rejected result; a charge that never reached
    /// the PSP ends REMOVIDA_PELO_PSP). Returns false when the PSP did not answer or a request holds the txid.
    /// </summary>
    public async Task<bool> AbandonOrCompleteAsync(string txid, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var held = await locks.AcquireAsync(connection, txid, true, cancellationToken);
        if (held is null)
        {
            return false;
        }

        var current = await ChargeStore.FindAsync(connection, null, txid, null, cancellationToken);
        if (current is null || !current.Pending)
        {
            return true;
        }

        var answer = await psp.GetCobAsync(txid, cancellationToken);
        if (answer.Outcome == PspOutcome.Unavailable)
        {
            return false;
        }

        var atPsp = answer.Outcome == PspOutcome.Accepted && answer.Body?["revisao"]?.GetValue<int>() == current.Revisao;
        LogAbandonCheck(logger, txid, current.Revisao, atPsp ? "completed from the PSP's copy" : "abandoned");
        await RecordAnswerAsync(connection, txid, current.Revisao, answer, atPsp, cancellationToken);
        return true;
    }

    /// <summary>The PSP removed a charge that is ATIVA here: record it (under the txid lock, so a payment cannot race it).</summary>
    public async Task<bool> RecordPspRemovalAsync(string txid, string status, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var held = await locks.AcquireAsync(connection, txid, true, cancellationToken);
        if (held is null || await ChargeStore.FindAsync(connection, null, txid, null, cancellationToken) is not { Status: "ATIVA" })
        {
            return false;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ChargeStore.InsertStatusAsync(connection, transaction, txid, status, "reconciled: status at the PSP", time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<ChargeOutcome> RecordAnswerAsync(NpgsqlConnection connection, string txid, int revisao, PspResponse answer, bool accepted,
        CancellationToken cancellationToken)
    {
        var location = answer.Body?["location"]?.GetValue<string>() ?? answer.Body?["loc"]?["location"]?.GetValue<string>();
        var locId = answer.Body?["loc"]?["id"]?.GetValue<long>();
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await ChargeStore.InsertResultAsync(connection, transaction, txid, revisao, accepted, locId, location, answer.Raw,
                time.GetUtcNow(), cancellationToken);
            if (!accepted && revisao == 0)
            {
                await ChargeStore.InsertStatusAsync(connection, transaction, txid, "REMOVIDA_PELO_PSP", "psp rejected the charge",
                    time.GetUtcNow(), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (!accepted)
        {
            LogRejected(logger, txid, revisao, answer.Status);
            return ChargeOutcome.Invalid(PspViolacoes(answer));
        }

        return ChargeOutcome.Ok((await ChargeStore.FindAsync(connection, null, txid, null, cancellationToken))!);
    }

    private static Violacao[] PspViolacoes(PspResponse answer)
    {
        var list = answer.Body?["violacoes"] as JsonArray;
        var violacoes = list?.OfType<JsonObject>()
            .Select(v => new Violacao(v["razao"]?.GetValue<string>() ?? "Recusado pelo PSP.", v["propriedade"]?.GetValue<string>() ?? "cob"))
            .ToArray();
        return violacoes is { Length: > 0 } ? violacoes
            : [new Violacao(answer.Body?["detail"]?.GetValue<string>() ?? "A cobrança foi recusada pelo PSP.", "cob")];
    }

    [LoggerMessage(LogLevel.Information, "Pix charge intent {Txid} revision {Revisao} recorded for merchant {MerchantId}")]
    private static partial void LogIntent(ILogger logger, string txid, int revisao, string merchantId);

    [LoggerMessage(LogLevel.Warning, "Stale intent {Txid} revision {Revisao}: {Outcome}")]
    private static partial void LogAbandonCheck(ILogger logger, string txid, int revisao, string outcome);

    [LoggerMessage(LogLevel.Warning, "PSP rejected charge {Txid} revision {Revisao} with status {Status}")]
    private static partial void LogRejected(ILogger logger, string txid, int revisao, int status);
}
