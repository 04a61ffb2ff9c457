using System.Text.Json.Nodes;
using Gpos.Pix.Lifecycle;
using Gpos.Pix.Psp;
using Gpos.Pix.Shared;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gpos.Pix.Refunds;

internal sealed record RefundOutcome(JsonObject? Devolucao, IReadOnlyList<Violacao>? Violacoes, bool NotFound, bool Unavailable)
{
    public static RefundOutcome Missing { get; } = new(null, null, true, false);

    public static RefundOutcome PspUnavailable { get; } = new(null, null, false, true);

    public static RefundOutcome Ok(JsonObject devolucao) => new(devolucao, null, false, false);

    public static RefundOutcome Invalid(params Violacao[] violacoes) => new(null, violacoes, false, false);
}

/// <summary>
/// <c>PUT /v2/pix/{e2eid}/devolucao/{id}</c> (design.md §3, [SPEC] PixDevolucaoInvalida). Under the Pix's lock, in one
/// transaction: the id must be new, the Pix PAID (or partly returned), within 90 days of settlement, and the amount within
/// what returns and devoluções in flight leave; then the request, its EM_PROCESSAMENTO event and the ledger hold commit
/// together, so concurrent requests can never overshoot. Then the PSP is asked (once: a PUT with a used id is an error
/// there, not a replay) and its answer recorded; the PSP's callback finishes the devolução (<see cref="RefundFinisher"/>).
/// </summary>
internal sealed partial class RefundService(
    NpgsqlDataSource db, PspClient psp, PixLedger ledger, RefundFinisher finisher, TimeProvider time, ILogger<RefundService> logger)
{
    /// <summary>[SPEC] PixDevolucaoInvalida: a devolução may be asked up to 90 days after the original settlement.</summary>
    public static readonly TimeSpan RefundWindow = TimeSpan.FromDays(90);

    public async Task<RefundOutcome> RequestAsync(string merchantId, string e2eid, string id, RefundTerms terms, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await TxidLocks.LockPixInTransactionAsync(transaction, e2eid, cancellationToken);
            var pix = await ReceivedPixRecord.FindAsync(connection, transaction, e2eid, merchantId, cancellationToken);
            if (pix is null)
            {
                return RefundOutcome.Missing;
            }

            var existing = await RefundStore.FindAsync(connection, transaction, e2eid, id, cancellationToken);
            if (existing is not null)
            {
                if (!existing.AwaitingPsp || existing.RequestHash != terms.Canonical())
                {
                    // [SPEC] reusing an id for the same e2eid is an error, not a replay.
                    return RefundOutcome.Invalid(new Violacao("O id de devolução informado já foi utilizado para este Pix.", "id", id));
                }
            }
            else
            {
                if (Check(pix, terms) is { } violacao)
                {
                    return RefundOutcome.Invalid(violacao);
                }

                var now = time.GetUtcNow();
                await RefundStore.InsertRequestAsync(transaction, new RefundRecord(e2eid, id, merchantId, terms.Valor, terms.Natureza, terms.Descricao,
                    terms.Canonical(), now, null, null, null, null), cancellationToken);
                await ledger.HoldRefundAsync(transaction, pix, id, terms.Valor, now, cancellationToken);
                LogRequested(logger, id, e2eid, merchantId, terms.Valor);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return await AskPspAsync(connection, e2eid, id, terms, cancellationToken);
    }

    /// <summary>The reconciler's entry: ask the PSP again for a devolução it never answered.</summary>
    public async Task<bool> CompleteAwaitingAsync(RefundRecord refund, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var outcome = await AskPspAsync(connection, refund.EndToEndId, refund.Id,
            new RefundTerms(refund.Valor, refund.Natureza, refund.Descricao), cancellationToken);
        return !outcome.Unavailable;
    }

    private static RefundOutcome? CheckState(ReceivedPixRecord pix) => pix.State switch
    {
        PixState.Paid or PixState.PartiallyReturned => null,
        PixState.Blocked => RefundOutcome.Invalid(new Violacao("O Pix está sob bloqueio cautelar e não pode ser devolvido.", "pix")),
        PixState.Returned => RefundOutcome.Invalid(new Violacao("O Pix já foi integralmente devolvido.", "devolucao.valor")),
        _ => RefundOutcome.Invalid(new Violacao("O Pix ainda não foi liquidado.", "pix")),
    };

    private Violacao? Check(ReceivedPixRecord pix, RefundTerms terms)
    {
        if (CheckState(pix) is { } refused)
        {
            return refused.Violacoes![0];
        }

        if (time.GetUtcNow() > pix.Horario + RefundWindow)
        {
            return new Violacao("O prazo de 90 dias desde a liquidação do Pix para solicitar a devolução expirou.", "pix.horario",
                PixMoney.FormatTime(pix.Horario));
        }

        if (terms.Natureza == "RETIRADA" && pix.Payload["componentesValor"]?["saque"] is null && pix.Payload["componentesValor"]?["troco"] is null)
        {
            return new Violacao("A natureza RETIRADA só se aplica a um Pix Saque ou Pix Troco.", "devolucao.natureza", terms.Natureza);
        }

        if (terms.Valor > pix.Refundable)
        {
            return new Violacao(
                $"O valor da devolução excede o valor ainda disponível para devolução ({PixMoney.Format(Math.Max(0, pix.Refundable))}).",
                "devolucao.valor", PixMoney.Format(terms.Valor));
        }

        return null;
    }

    private async Task<RefundOutcome> AskPspAsync(NpgsqlConnection connection, string e2eid, string id, RefundTerms terms,
        CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["valor"] = PixMoney.Format(terms.Valor), ["natureza"] = terms.Natureza };
        if (terms.Descricao is not null)
        {
            body["descricao"] = terms.Descricao;
        }

        var answer = await psp.PutDevolucaoAsync(e2eid, id, body, cancellationToken);
        if (answer.Outcome == PspOutcome.Rejected && UsedIdAtPsp(answer))
        {
            // A lost answer: the PSP has it already. Read it instead of treating the refusal as final.
            answer = await psp.GetDevolucaoAsync(e2eid, id, cancellationToken);
        }

        if (answer.Outcome == PspOutcome.Unavailable)
        {
            return RefundOutcome.PspUnavailable; // the request and its hold stay; a retry or the reconciler asks again
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await TxidLocks.LockPixInTransactionAsync(transaction, e2eid, cancellationToken);
        var pix = (await ReceivedPixRecord.FindAsync(connection, transaction, e2eid, null, cancellationToken))!;
        var refund = (await RefundStore.FindAsync(connection, transaction, e2eid, id, cancellationToken))!;
        if (answer.Outcome == PspOutcome.Rejected || answer.Body is null)
        {
            var violacoes = PspViolacoes(answer);
            if (refund.FinalStatus is null)
            {
                await finisher.RejectAsync(transaction, pix, id, null, "Recusada pelo PSP: " + violacoes[0].Razao, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return RefundOutcome.Invalid(violacoes);
        }

        await finisher.ApplyAsync(transaction, pix, refund, answer.Body, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var current = (await RefundStore.FindAsync(connection, null, e2eid, id, cancellationToken))!;
        return current.RtrId is null ? RefundOutcome.PspUnavailable : RefundOutcome.Ok(DevolucaoJson.From(current));
    }

    private static bool UsedIdAtPsp(PspResponse answer) =>
        answer.Status == 400 && answer.Body?["violacoes"] is JsonArray list
        && list.OfType<JsonObject>().Any(v => v["propriedade"]?.GetValue<string>() is "id" or "devolucao.id");

    private static Violacao[] PspViolacoes(PspResponse answer)
    {
        var violacoes = (answer.Body?["violacoes"] as JsonArray)?.OfType<JsonObject>()
            .Select(v => new Violacao(v["razao"]?.GetValue<string>() ?? "Recusada pelo PSP.", v["propriedade"]?.GetValue<string>() ?? "devolucao"))
            .ToArray();
        return violacoes is { Length: > 0 } ? violacoes
            : [new Violacao(answer.Body?["detail"]?.GetValue<string>() ?? "A devolução foi recusada pelo PSP.", "devolucao")];
    }

    [LoggerMessage(LogLevel.Information, "Devolução {Id} of Pix {EndToEndId} requested by merchant {MerchantId}: {Valor} centavos held")]
    private static partial void LogRequested(ILogger logger, string id, string endToEndId, string merchantId, long valor);
}
