using System.Globalization;
using Gpos.TerminalClient.Payments;

namespace Gpos.TerminalClient.Cli;

/// <summary>gpos-terminal's card and Pix commands, on top of the library's <see cref="CardClient"/>, <see cref="DecisionOutbox"/> and <see cref="PixClient"/>.</summary>
internal static class PaymentCommands
{
    private const string TestPan = "4111111111111111";
    private const string TestExpiry = "3012";
    private const string DevPixKey = "pix@merchant-dev.example";

    public static async Task<int> CardAsync(string command, ArgumentList args, TerminalStore store, Cli.Console console,
        CancellationToken cancellationToken)
    {
        using var agent = TerminalAgent.Open(store, timeProvider: console.Time);
        var cards = new CardClient(agent.Api.Http);
        var outbox = new DecisionOutbox(store);
        var undelivered = await DeliverAsync(outbox, cards, console, cancellationToken);
        return command switch
        {
            "card sale" => await SaleAsync(args, cards, outbox, console, cancellationToken),
            "card undo" => await UndoAsync(args, cards, outbox, console, cancellationToken),
            _ => undelivered == 0 ? ExitCodes.Ok : ExitCodes.Unavailable,
        };
    }

    public static async Task<int> PixAsync(string command, ArgumentList args, TerminalStore store, Cli.Console console,
        CancellationToken cancellationToken)
    {
        using var agent = TerminalAgent.Open(store, timeProvider: console.Time);
        var pix = new PixClient(agent.Api.Http);
        if (command == "pix status")
        {
            var (found, problem) = await pix.GetChargeAsync(args.Positionals[^1], cancellationToken);
            return found is null ? await FailAsync("pix status", problem, console) : await PrintChargeAsync(found, console, qr: false);
        }

        if (!Money.TryParseReais(args.Get("amount"), out var centavos))
        {
            await console.ErrorAsync($"gpos-terminal {command}: --amount must be reais like 12.34");
            return ExitCodes.Usage;
        }

        if (command == "pix refund")
        {
            // The id names the refund: a new one per request unless the operator repeats one to finish it.
            var id = args.Get("id") ?? "D" + Guid.NewGuid().ToString("N")[..20];
            var (refund, refused) = await pix.RefundAsync(args.Positionals[^1], id, centavos, cancellationToken);
            if (refund is null)
            {
                return await FailAsync("pix refund", refused, console);
            }

            await console.OutAsync($"devolução {refund.Id}: R$ {refund.Valor}, {refund.Status}{(refund.RtrId is null ? "" : ", rtrId " + refund.RtrId)}");
            return ExitCodes.Ok;
        }

        var key = args.Get("key") ?? Environment.GetEnvironmentVariable("GPOS_PIX_KEY") ?? DevPixKey;
        var (charge, failure) = await pix.CreateChargeAsync(PixClient.NewTxid(), centavos, key, args.Get("description"), cancellationToken);
        return charge is null ? await FailAsync("pix charge", failure, console) : await PrintChargeAsync(charge, console, qr: true);
    }

    private static async Task<int> SaleAsync(ArgumentList args, CardClient cards, DecisionOutbox outbox, Cli.Console console,
        CancellationToken cancellationToken)
    {
        if (!Money.TryParseReais(args.Get("amount"), out var centavos))
        {
            await console.ErrorAsync("gpos-terminal card sale: --amount must be reais like 12.34");
            return ExitCodes.Usage;
        }

        int? installments = null;
        if (args.Get("installments") is { } text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 99)
            {
                await console.ErrorAsync("gpos-terminal card sale: --installments must be 1 to 99");
                return ExitCodes.Usage;
            }

            installments = count;
        }

        var receiptPrints = args.Get("receipt") is null or "ok";
        var (sale, problem) = await cards.SaleAsync(
            new CardSaleRequest(centavos, args.Get("pan") ?? TestPan, args.Get("expiry") ?? TestExpiry, installments), cancellationToken);
        if (sale is null)
        {
            return await FailAsync("card sale", problem, console);
        }

        await console.OutAsync($"Sale {sale.Id}: {sale.Status.ToUpperInvariant()} R$ {Money.Format(sale.Amount)} {sale.MaskedPan}"
            + (sale.Installments is { } n ? $" in {n}x" : "")
            + $" (response {sale.ResponseCode ?? sale.Reason ?? "-"}{(sale.AuthorizationCode is null ? "" : $", auth {sale.AuthorizationCode}")}, RRN {sale.Rrn})");
        if (!sale.Approved)
        {
            return ExitCodes.Refused;
        }

        await console.OutAsync(receiptPrints
            ? $"Printing receipt… {sale.MaskedPan} R$ {Money.Format(sale.Amount)} AUT {sale.AuthorizationCode} — printed."
            : "Printing receipt… the printer failed: the sale will be undone.");
        var decision = receiptPrints ? CardDecision.Confirm : CardDecision.Undo;
        outbox.Add(new PendingDecision(sale.Id, decision, sale.Amount, sale.MaskedPan, console.Time.GetUtcNow()));
        return await DeliverAsync(outbox, cards, console, cancellationToken) == 0 ? ExitCodes.Ok : ExitCodes.Unavailable;
    }

    private static async Task<int> UndoAsync(ArgumentList args, CardClient cards, DecisionOutbox outbox, Cli.Console console,
        CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(args.Get("sale"), out var saleId))
        {
            await console.ErrorAsync("gpos-terminal card undo: --sale must be a sale id");
            return ExitCodes.Usage;
        }

        var sale = await cards.GetAsync(saleId, cancellationToken);
        outbox.Add(new PendingDecision(saleId, CardDecision.Undo, sale?.Amount ?? 0, sale?.MaskedPan ?? "", console.Time.GetUtcNow()));
        return await DeliverAsync(outbox, cards, console, cancellationToken) == 0 ? ExitCodes.Ok : ExitCodes.Unavailable;
    }

    /// <summary>Sends the outbox and reports each decision; returns how many are still waiting.</summary>
    internal static async Task<int> DeliverAsync(DecisionOutbox outbox, CardClient cards, Cli.Console console,
        CancellationToken cancellationToken)
    {
        foreach (var delivery in await outbox.DeliverAsync(cards, cancellationToken))
        {
            var what = $"{(delivery.Decision.Decision == CardDecision.Confirm ? "Confirmation" : "Undo")} of sale {delivery.Decision.SaleId}";
            await console.OutAsync((delivery.Delivered, delivery.Sale) switch
            {
                (true, { } sale) => $"{what} delivered: the sale is {sale.Status}.",
                (true, null) => $"{what} refused by GPOS: {delivery.Problem}.",
                _ => $"{what} could not be delivered ({delivery.Problem}); it is kept and sent on the next run.",
            });
        }

        return outbox.Pending().Count;
    }

    private static async Task<int> PrintChargeAsync(PixCharge charge, Cli.Console console, bool qr)
    {
        await console.OutAsync($"Pix charge {charge.Txid}: {charge.Status} R$ {charge.Amount}");
        if (charge.PixCopiaECola is { } code)
        {
            await console.OutAsync($"Pix Copia e Cola: {code}");
            if (qr)
            {
                await console.OutAsync(TerminalQr.Render(code));
            }
        }

        foreach (var endToEndId in charge.EndToEndIds)
        {
            await console.OutAsync($"Paid: Pix {endToEndId}");
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> FailAsync(string command, ServerProblem? problem, Cli.Console console)
    {
        await console.ErrorAsync($"{command} failed: {problem}");
        return problem?.Status is null or >= 500 ? ExitCodes.Unavailable : ExitCodes.Refused;
    }
}
