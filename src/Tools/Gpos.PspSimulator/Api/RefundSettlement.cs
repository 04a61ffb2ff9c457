using Gpos.PspSimulator.State;
using Gpos.PspSimulator.Webhooks;

namespace Gpos.PspSimulator.Api;

/// <summary>
/// Brings a requested refund from EM_PROCESSAMENTO to its final status as the refund behaviour says, and sends the
/// refund callback ([SPEC] callback: fired when a refund reaches DEVOLVIDO or NAO_REALIZADO).
/// </summary>
internal sealed class RefundSettlement(SimulatorStore store, WorkQueue queue, WebhookDispatcher webhooks)
{
    public const int DefaultDelayMs = 3000;
    public const string DefaultFailureMotivo = "Devolução não realizada (falha simulada pelo PSP simulador).";

    public void Schedule(string e2eid, string id, RefundBehaviour behaviour)
    {
        var generation = store.Generation;
        var (status, delayMs, motivo) = behaviour.Mode switch
        {
            RefundBehaviour.Failure => (RefundStatus.NaoRealizado, behaviour.DelayMs, behaviour.Motivo ?? DefaultFailureMotivo),
            RefundBehaviour.Delay => (RefundStatus.Devolvido, behaviour.DelayMs > 0 ? behaviour.DelayMs : DefaultDelayMs, behaviour.Motivo),
            RefundBehaviour.Hold => (null, 0, null),
            _ => (RefundStatus.Devolvido, behaviour.DelayMs, behaviour.Motivo),
        };
        if (status is null)
        {
            return; // hold: settled only through the control API
        }

        queue.Enqueue(TimeSpan.FromMilliseconds(delayMs), _ =>
        {
            webhooks.Notify(store.SettleRefund(generation, e2eid, id, status, motivo));
            return Task.CompletedTask;
        });
    }

    /// <summary>Settles a refund now (control API); false when it is not EM_PROCESSAMENTO.</summary>
    public bool SettleNow(string e2eid, string id, string status, string? motivo)
    {
        var notification = store.SettleRefund(store.Generation, e2eid, id, status, motivo);
        webhooks.Notify(notification);
        return notification is not null;
    }
}
