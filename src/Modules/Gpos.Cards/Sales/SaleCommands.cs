using Gpos.BuildingBlocks.Identity;
using Gpos.Webhooks.Contracts;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gpos.Cards.Sales;

/// <summary>
/// Terminal decisions on an approved sale (Brazilian TEF practice): confirm after the receipt printed, undo when it did
/// not, void a confirmed sale. Each runs in the caller's transaction (the one that claims the request's Idempotency-Key
/// and stores its response) under the sale's lock: record, queue the reversal if any, and resolve the ledger hold,
/// together; the caller commits.
/// </summary>
internal sealed partial class SaleCommands(SaleRecords records, SaleLedger ledger, IWebhookOutbox outbox, TimeProvider clock, ILogger<SaleCommands> logger)
{
    public async Task<(SaleCommandResult Result, string Detail)> ConfirmAsync(NpgsqlTransaction tx, CallerIdentity caller, Guid saleId,
        CancellationToken cancellationToken)
    {
        await SaleRecords.LockAsync(tx, saleId, cancellationToken);
        var state = await LoadOwnedAsync(tx, saleId, caller, cancellationToken);
        if (state is null)
        {
            return (SaleCommandResult.NotFound, "No such card sale for this terminal.");
        }

        if (state.Confirmed)
        {
            return (SaleCommandResult.Done, "");
        }

        if (!state.PendingConfirmation)
        {
            return (SaleCommandResult.Conflict, state.ReversalReason is not null
                ? "The sale was reversed (undone or not confirmed in time); it cannot be confirmed."
                : "Only an approved sale can be confirmed.");
        }

        var at = clock.GetUtcNow();
        await SaleRecords.InsertConfirmationAsync(tx, saleId, caller.Id, at, cancellationToken);
        if (!state.IsPreauthorization)
        {
            await ledger.PostAsync(saleId, at, tx, cancellationToken); // a pre-authorization's hold waits for its completion
        }

        await outbox.EnqueueAsync(tx, SaleEvents.Confirmed(state, at), cancellationToken);
        LogDecision(saleId, caller.Id, "confirmed");
        return (SaleCommandResult.Done, "");
    }

    public async Task<(SaleCommandResult Result, string Detail)> UndoAsync(NpgsqlTransaction tx, CallerIdentity caller, Guid saleId,
        CancellationToken cancellationToken)
    {
        await SaleRecords.LockAsync(tx, saleId, cancellationToken);
        var state = await LoadOwnedAsync(tx, saleId, caller, cancellationToken);
        if (state is null)
        {
            return (SaleCommandResult.NotFound, "No such card sale for this terminal.");
        }

        if (state.Confirmed)
        {
            return (SaleCommandResult.Conflict, "The sale is confirmed; use void to cancel it.");
        }

        if (state.ReversalReason is not null || state.Outcome != "approved")
        {
            return (SaleCommandResult.Done, ""); // already reversed or never approved: nothing to undo
        }

        var at = clock.GetUtcNow();
        await SaleRecords.QueueReversalAsync(tx, saleId, "undo", at, cancellationToken);
        await ledger.VoidAsync(saleId, at, tx, cancellationToken);
        await outbox.EnqueueAsync(tx, SaleEvents.Reversed(state, "undo", at), cancellationToken);
        LogDecision(saleId, caller.Id, "undone");
        return (SaleCommandResult.Done, "");
    }

    public async Task<(SaleCommandResult Result, string Detail)> VoidAsync(NpgsqlTransaction tx, CallerIdentity caller, Guid saleId,
        CancellationToken cancellationToken)
    {
        await SaleRecords.LockAsync(tx, saleId, cancellationToken);
        var state = await LoadOwnedAsync(tx, saleId, caller, cancellationToken);
        if (state is null)
        {
            return (SaleCommandResult.NotFound, "No such card sale for this terminal.");
        }

        if (state.ReversalReason == "void")
        {
            return (SaleCommandResult.Done, "");
        }

        if (!state.Confirmed || state.ReversalReason is not null)
        {
            return (SaleCommandResult.Conflict, "Only a confirmed sale can be voided; undo a sale that is not confirmed.");
        }

        var at = clock.GetUtcNow();
        await SaleRecords.QueueReversalAsync(tx, saleId, "void", at, cancellationToken);
        if (!state.IsPreauthorization)
        {
            await ledger.ReverseConfirmedAsync(saleId, state.MerchantId, state.Amount, at, tx, cancellationToken);
        }
        else if (state.CompletedAmount is { } captured)
        {
            await ledger.ReverseConfirmedAsync(saleId, state.MerchantId, captured, at, tx, cancellationToken);
        }
        else
        {
            await ledger.VoidAsync(saleId, at, tx, cancellationToken); // confirmed, never completed: the hold is still open
        }

        await outbox.EnqueueAsync(tx, SaleEvents.Reversed(state, "void", at), cancellationToken);
        LogDecision(saleId, caller.Id, "voided");
        return (SaleCommandResult.Done, "");
    }

    /// <summary>
    /// Completes an approved pre-authorization with <paramref name="amount"/> (at most the authorized amount): the
    /// completion is recorded, the hold posted for that amount (the rest released) and the 0220 advice queued for the
    /// store-and-forward worker, in one transaction. An unconfirmed pre-authorization is confirmed by its completion.
    /// </summary>
    public async Task<(SaleCommandResult Result, string Detail)> CompleteAsync(NpgsqlTransaction tx, CallerIdentity caller, Guid saleId,
        long amount, CancellationToken cancellationToken)
    {
        await SaleRecords.LockAsync(tx, saleId, cancellationToken);
        var state = await LoadOwnedAsync(tx, saleId, caller, cancellationToken);
        if (state is null || !state.IsPreauthorization)
        {
            return (SaleCommandResult.NotFound, "No such card pre-authorization for this terminal.");
        }

        if (state.CompletedAmount is not null)
        {
            return (SaleCommandResult.Conflict, "The pre-authorization is already completed.");
        }

        if (state.Outcome != "approved" || state.ReversalReason is not null)
        {
            return (SaleCommandResult.Conflict, "Only an approved pre-authorization that was not reversed can be completed.");
        }

        if (amount > state.Amount)
        {
            return (SaleCommandResult.ExceedsAuthorization,
                $"The completion amount {amount} exceeds the pre-authorized amount {state.Amount}.");
        }

        var at = clock.GetUtcNow();
        if (!state.Confirmed)
        {
            await SaleRecords.InsertConfirmationAsync(tx, saleId, caller.Id, at, cancellationToken);
        }

        await SaleRecords.InsertCompletionAsync(tx, saleId, caller.Id, amount, at, cancellationToken);
        await ledger.CaptureAsync(saleId, amount, at, tx, cancellationToken);
        LogDecision(saleId, caller.Id, "completed");
        return (SaleCommandResult.Done, "");
    }

    /// <summary>Reverses an approved sale the terminal did not confirm in time (called by the expiry worker).</summary>
    public async Task<bool> ExpireAsync(Guid saleId, CancellationToken cancellationToken)
    {
        await using var sale = await records.BeginLockedAsync(saleId, cancellationToken);
        var tx = sale.Transaction;
        var state = await SaleRecords.LoadStateAsync(tx, saleId, cancellationToken);
        if (state is null)
        {
            return false;
        }

        var at = clock.GetUtcNow();
        if (state.Outcome is null)
        {
            // Sent (or maybe sent) before a crash and never recorded: the outcome is unknown, so reverse it.
            await SaleRecords.InsertResultAsync(tx, saleId, "unknown", null, null, "abandoned", at, cancellationToken);
            await SaleRecords.QueueReversalAsync(tx, saleId, "abandoned", at, cancellationToken);
        }
        else if (state.PendingConfirmation)
        {
            await SaleRecords.QueueReversalAsync(tx, saleId, "not-confirmed", at, cancellationToken);
            await ledger.VoidAsync(saleId, at, tx, cancellationToken);
            await outbox.EnqueueAsync(tx, SaleEvents.Reversed(state, "not-confirmed", at), cancellationToken);
        }
        else
        {
            return false;
        }

        await tx.CommitAsync(cancellationToken);
        LogDecision(saleId, state.TerminalId, state.Outcome is null ? "abandoned" : "not confirmed in time");
        return true;
    }

    [LoggerMessage(LogLevel.Information, "Card {SaleId} from terminal {TerminalId}: {Decision}")]
    private partial void LogDecision(Guid saleId, string terminalId, string decision);

    /// <summary>The sale, if it belongs to this terminal (and its merchant); null otherwise, with no hint it exists.</summary>
    private static async Task<SaleState?> LoadOwnedAsync(NpgsqlTransaction tx, Guid saleId, CallerIdentity caller,
        CancellationToken cancellationToken)
    {
        var state = await SaleRecords.LoadStateAsync(tx, saleId, cancellationToken);
        return state is not null && state.TerminalId == caller.Id && state.MerchantId == caller.MerchantId ? state : null;
    }
}
