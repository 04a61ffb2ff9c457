using System.Text.Json.Nodes;
using Gpos.PspSimulator.Api;
using Gpos.PspSimulator.Faults;
using Gpos.PspSimulator.State;
using Gpos.PspSimulator.Webhooks;

namespace Gpos.PspSimulator.Control;

/// <summary>The control API under <c>/control</c> (README "Control API"): payments, MED, blocks, refunds, faults, counts.</summary>
internal static class ControlApi
{
    public static void MapControlApi(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/control");
        control.MapPost("/reset", Reset);
        control.MapGet("/calls", (CallCounter calls) => ApiResults.Json(calls.ToJson()));
        control.MapGet("/faults", (FaultBoard faults) => ApiResults.Json(new JsonObject { ["faults"] = faults.ToJson() }));
        control.MapPost("/faults", FaultEndpoints.AddAsync);
        control.MapDelete("/faults", (FaultBoard faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        control.MapDelete("/faults/{id}", (string id, FaultBoard faults) => faults.Remove(id) ? Results.NoContent() : Results.NotFound());
        control.MapPost("/cob/{txid}/pay", PaymentEndpoints.PayAsync);
        control.MapPost("/pix/{e2eid}/block", PaymentEndpoints.BlockAsync);
        control.MapPost("/pix/{e2eid}/release", PaymentEndpoints.Release);
        control.MapPost("/pix/{e2eid}/med", PaymentEndpoints.MedAsync);
        control.MapGet("/refunds/behaviour", (SimulatorStore store) => ApiResults.Json(BehaviourJson(store.RefundBehaviour)));
        control.MapPut("/refunds/behaviour", SetBehaviourAsync);
        control.MapPost("/pix/{e2eid}/devolucao/{id}/settle", SettleAsync);
        control.MapPost("/webhooks/replay", ReplayEndpoint.ReplayAsync);
        control.MapGet("/webhooks/deliveries", (DeliveryLog log) => ApiResults.Json(log.ToJson()));
    }

    private static IResult Reset(SimulatorStore store, FaultBoard faults, CallCounter calls, DeliveryLog log, WorkQueue queue)
    {
        queue.CancelPending();
        store.Reset();
        faults.Clear();
        calls.Reset();
        log.Reset();
        return Results.NoContent();
    }

    private static async Task<IResult> SetBehaviourAsync(HttpRequest request, SimulatorStore store, CancellationToken cancellationToken)
    {
        var body = await ControlJson.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return ControlJson.BadBody("The body must be a JSON object.");
        }

        var mode = body.String("mode") ?? RefundBehaviour.Success;
        var delay = body.Int("delayMs") ?? 0;
        var motivo = body.String("motivo");
        if (!RefundBehaviour.IsMode(mode) || delay < 0 || motivo is { Length: > 140 })
        {
            body.Errors.Add("mode must be success, failure, delay or hold; delayMs >= 0; motivo up to 140 characters");
        }

        if (body.Errors.Count > 0)
        {
            return ControlJson.BadBody(string.Join("; ", body.Errors));
        }

        store.RefundBehaviour = new RefundBehaviour(mode, delay, motivo);
        return ApiResults.Json(BehaviourJson(store.RefundBehaviour));
    }

    private static async Task<IResult> SettleAsync(string e2eid, string id, HttpRequest request, RefundSettlement settlement,
        CancellationToken cancellationToken)
    {
        var body = await ControlJson.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return ControlJson.BadBody("The body must be a JSON object.");
        }

        var status = body.String("status") ?? RefundStatus.Devolvido;
        var motivo = body.String("motivo");
        if (status is not (RefundStatus.Devolvido or RefundStatus.NaoRealizado))
        {
            return ControlJson.BadBody("status must be DEVOLVIDO or NAO_REALIZADO.");
        }

        return settlement.SettleNow(e2eid, id, status, motivo)
            ? Results.NoContent()
            : ApiResults.Problem(PixProblem.Control("DevolucaoNaoPendente", 409, $"No refund {id} in EM_PROCESSAMENTO for {e2eid}."));
    }

    private static JsonObject BehaviourJson(RefundBehaviour behaviour) => new()
    {
        ["mode"] = behaviour.Mode,
        ["delayMs"] = behaviour.DelayMs,
        ["motivo"] = behaviour.Motivo,
    };
}
