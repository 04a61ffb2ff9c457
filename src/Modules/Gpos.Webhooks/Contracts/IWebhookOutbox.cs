using Npgsql;

namespace Gpos.Webhooks.Contracts;

/// <summary>
/// The transactional outbox (design.md §5): a module records a merchant event in the SAME transaction as the state change
/// it describes, so the event exists if and only if the change committed. Nothing is sent here: delivery workers pick the
/// event up after commit, in any instance.
/// </summary>
public interface IWebhookOutbox
{
    /// <summary>
    /// Records <paramref name="merchantEvent"/> with the next sequence number of its resource and one delivery per matching
    /// active registration, all inside <paramref name="transaction"/> (the caller commits or rolls back).
    /// </summary>
    Task<EnqueuedEvent> EnqueueAsync(NpgsqlTransaction transaction, MerchantEvent merchantEvent, CancellationToken cancellationToken);
}
