using System.Text.Json.Nodes;
using Gpos.Pix.Shared;
using Gpos.Webhooks.Contracts;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Gpos.Pix.Lifecycle;

/// <summary>
/// The one door through which a received Pix changes state. In the caller's transaction (which holds the Pix's lock):
/// check the transition against <see cref="PixLifecycle"/>, append the event (an event key seen before is a duplicate,
/// which the insert itself finds on the table's unique key), and write its ledger entry. A transition the state machine
/// does not list is appended as refused, logged as an alert, and changes nothing else. The merchant's notification (blocked, released, returned, refund finished) goes to the Webhooks outbox in
/// the same transaction, so it is sent if and only if the change commits.
/// </summary>
internal sealed partial class PixLifecycleService(PixLedger ledger, IWebhookOutbox outbox, ILogger<PixLifecycleService> logger)
{
    public async Task<(LifecycleOutcome Outcome, ReceivedPixRecord Pix)> ApplyAsync(NpgsqlTransaction transaction, ReceivedPixRecord pix,
        LifecycleEvent change, CancellationToken cancellationToken)
    {
        var remainingAfter = change.Transition == PixTransition.Return ? pix.Valor - pix.Returned - change.Amount : 0;
        var next = change.Transition == PixTransition.Return && change.Amount <= 0
            ? null
            : PixLifecycle.Next(pix.State, change.Transition, remainingAfter);
        if (!await AppendAsync(transaction.Connection!, transaction, pix, change, next, cancellationToken))
        {
            return (LifecycleOutcome.Duplicate, pix);
        }

        if (next is not { } to)
        {
            LogRefused(logger, pix.EndToEndId, change.Transition, change.EventKey, pix.State, pix.MerchantId, change.Detail);
            return (LifecycleOutcome.Refused, pix);
        }

        switch (change.Transition)
        {
            case PixTransition.Settle:
                await ledger.SettleAsync(transaction, pix, change.OccurredAt, cancellationToken);
                break;
            case PixTransition.Block:
                await ledger.BlockAsync(transaction, pix, change.OccurredAt, cancellationToken);
                break;
            case PixTransition.Release:
                await ledger.ReleaseAsync(transaction, pix, change.OccurredAt, cancellationToken);
                break;
            case PixTransition.Return:
                await ledger.ReturnAsync(transaction, pix, change, remainingAfter, cancellationToken);
                break;
        }

        await NotifyAsync(transaction, pix, change, to, cancellationToken);
        LogApplied(logger, pix.EndToEndId, change.Transition, pix.State, to, pix.MerchantId);
        var returned = change.Transition == PixTransition.Return ? pix.Returned + change.Amount : pix.Returned;
        var pending = change.RefundHold is null ? pix.PendingRefunds : Math.Max(0, pix.PendingRefunds - change.Amount);
        return (LifecycleOutcome.Applied, pix with { State = to, Returned = returned, PendingRefunds = pending });
    }

    private async Task NotifyAsync(NpgsqlTransaction transaction, ReceivedPixRecord pix, LifecycleEvent change, PixState to,
        CancellationToken cancellationToken)
    {
        var type = change.Transition switch
        {
            PixTransition.Block => MerchantEventTypes.PixBlocked,
            PixTransition.Release => MerchantEventTypes.PixReleased,
            PixTransition.Return => change.RefundHold is null ? MerchantEventTypes.PixReturned : MerchantEventTypes.PixRefundFinished,
            _ => null, // settlement is notified as the charge's payment (ReceivedPixProcessor)
        };
        if (type is null)
        {
            return;
        }

        // The Pix as API Pix shows it, with the return this event adds (MED or the merchant's devolução) in devolucoes.
        var item = (JsonObject)pix.Payload.DeepClone();
        if (change.Transition == PixTransition.Return && change.DevolucaoId is { } devolucaoId)
        {
            var devolucoes = item["devolucoes"] as JsonArray ?? [];
            if (!devolucoes.OfType<JsonObject>().Any(d => d["id"]?.GetValue<string>() == devolucaoId))
            {
                devolucoes.Add(change.Payload?.DeepClone() ?? new JsonObject
                {
                    ["id"] = devolucaoId, ["valor"] = PixMoney.Format(change.Amount), ["status"] = "DEVOLVIDO",
                });
            }

            item["devolucoes"] = devolucoes;
        }

        var extra = new JsonObject { ["gposState"] = to.ToDb(), ["transition"] = change.Transition.ToDb(), ["detail"] = change.Detail };
        await outbox.EnqueueAsync(transaction,
            MerchantEvents.PixChanged(type, pix.MerchantId, item["chave"]?.GetValue<string>(), item, extra, change.OccurredAt), cancellationToken);
    }

    /// <summary>Appends the event; false when the Pix already has an event with this key (a duplicate, nothing written).</summary>
    private static async Task<bool> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ReceivedPixRecord pix,
        LifecycleEvent change, PixState? next, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO pix.pix_events (end_to_end_id, event_key, transition, from_state, to_state, accepted, amount, devolucao_id, payload,
                                        detail, occurred_at)
            VALUES (@e, @k, @t, @from, @to, @accepted, @amount, @d, @p::jsonb, @detail, @at)
            ON CONFLICT (end_to_end_id, event_key) DO NOTHING
            """, connection, transaction);
        command.Parameters.AddWithValue("e", pix.EndToEndId);
        command.Parameters.AddWithValue("k", change.EventKey);
        command.Parameters.AddWithValue("t", change.Transition.ToDb());
        command.Parameters.AddWithValue("from", pix.State.ToDb());
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Text) { Value = (object?)next?.ToDb() ?? DBNull.Value });
        command.Parameters.AddWithValue("accepted", next is not null);
        command.Parameters.AddWithValue("amount", Math.Max(0, change.Amount));
        command.Parameters.Add(new NpgsqlParameter("d", NpgsqlDbType.Text) { Value = (object?)change.DevolucaoId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("p", NpgsqlDbType.Text) { Value = (object?)change.Payload?.ToJsonString() ?? DBNull.Value });
        command.Parameters.AddWithValue("detail", change.Detail);
        command.Parameters.AddWithValue("at", change.OccurredAt);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    [LoggerMessage(LogLevel.Information, "Pix {EndToEndId} {Transition}: {From} -> {To} (merchant {MerchantId})")]
    private static partial void LogApplied(ILogger logger, string endToEndId, PixTransition transition, PixState from, PixState to, string merchantId);

    [LoggerMessage(LogLevel.Error,
        "ALERT Pix {EndToEndId}: {Transition} ({EventKey}) is not allowed from {State}; recorded as refused, ledger unchanged (merchant {MerchantId}): {Detail}")]
    private static partial void LogRefused(ILogger logger, string endToEndId, PixTransition transition, string eventKey, PixState state,
        string merchantId, string detail);
}
