using Gpos.PspSimulator.Api;
using Gpos.PspSimulator.Pix;
using Gpos.PspSimulator.State;
using Gpos.PspSimulator.Webhooks;

namespace Gpos.PspSimulator.Control;

/// <summary>Payer-side and SPI-side events: pay a charge, block/release (cautelar), MED returns.</summary>
internal static class PaymentEndpoints
{
    public static async Task<IResult> PayAsync(string txid, HttpRequest request, SimulatorStore store, WebhookDispatcher webhooks,
        CancellationToken cancellationToken)
    {
        var body = await ControlJson.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return ControlJson.BadBody("The body must be a JSON object.");
        }

        var valor = body.Valor("valor");
        var e2eid = body.String("endToEndId");
        var infoPagador = body.String("infoPagador");
        var block = body.Bool("bloqueioCautelar") ?? false;
        var payerIspb = body.String("ispbPagador");
        var horarioText = body.String("horario");
        DateTimeOffset? horario = null;
        if (e2eid is not null && !PixPatterns.EndToEndId().IsMatch(e2eid))
        {
            body.Errors.Add("endToEndId must be 32 alphanumerics");
        }

        if (payerIspb is not null && !PixPatterns.Ispb().IsMatch(payerIspb))
        {
            body.Errors.Add("ispbPagador must be 8 alphanumerics");
        }

        if (infoPagador is { Length: > 140 })
        {
            body.Errors.Add("infoPagador is at most 140 characters");
        }

        if (valor is 0)
        {
            body.Errors.Add("valor must be positive");
        }

        if (horarioText is not null)
        {
            if (PixTime.TryParse(horarioText, out var parsed))
            {
                horario = parsed;
            }
            else
            {
                body.Errors.Add("horario must be an RFC 3339 date-time");
            }
        }

        if (body.Errors.Count > 0)
        {
            return ControlJson.BadBody(string.Join("; ", body.Errors));
        }

        var (outcome, notification) = store.Pay(txid, new PayCommand(valor, e2eid, infoPagador, block, horario, payerIspb));
        webhooks.Notify(notification);
        return CobEndpoints.Respond(outcome, StatusCodes.Status200OK);
    }

    public static async Task<IResult> BlockAsync(string e2eid, HttpRequest request, SimulatorStore store, WebhookDispatcher webhooks,
        CancellationToken cancellationToken)
    {
        var body = await ControlJson.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return ControlJson.BadBody("The body must be a JSON object.");
        }

        var (outcome, notification) = store.Block(e2eid, body.String("motivo"));
        webhooks.Notify(notification);
        return CobEndpoints.Respond(outcome, StatusCodes.Status200OK);
    }

    public static IResult Release(string e2eid, SimulatorStore store, WebhookDispatcher webhooks)
    {
        var (outcome, notification) = store.Release(e2eid);
        webhooks.Notify(notification);
        return CobEndpoints.Respond(outcome, StatusCodes.Status200OK);
    }

    public static async Task<IResult> MedAsync(string e2eid, HttpRequest request, SimulatorStore store, WebhookDispatcher webhooks,
        CancellationToken cancellationToken)
    {
        var body = await ControlJson.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return ControlJson.BadBody("The body must be a JSON object.");
        }

        var natureza = body.String("natureza") ?? Natureza.MedFraude;
        var valor = body.Valor("valor");
        var id = body.String("id");
        var descricao = body.String("descricao");
        if (!Natureza.IsMed(natureza))
        {
            body.Errors.Add("natureza must be MED_OPERACIONAL, MED_FRAUDE or MED_PIX_AUTOMATICO");
        }

        if (id is not null && !PixPatterns.DevolucaoId().IsMatch(id))
        {
            body.Errors.Add("id must be 1..35 alphanumerics");
        }

        if (descricao is { Length: > 140 })
        {
            body.Errors.Add("descricao is at most 140 characters");
        }

        if (body.Errors.Count > 0)
        {
            return ControlJson.BadBody(string.Join("; ", body.Errors));
        }

        var (outcome, notification) = store.Med(e2eid, new MedCommand(natureza, valor, id, descricao));
        webhooks.Notify(notification);
        return CobEndpoints.Respond(outcome, StatusCodes.Status200OK);
    }
}
