using System.Globalization;
using Gpos.BuildingBlocks.Identity;
using Gpos.Cards.CardData;
using Gpos.Cards.HostLink;
using Gpos.Cards.Idempotency;
using Gpos.Cards.Sales;
using Gpos.Iso8583;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gpos.Cards.Authorize;

/// <summary>
/// One authorization: record the request (no sensitive data), send it, wipe the card data, record the result. Approval
/// places a ledger hold; an unknown outcome (timeout, link lost after sending) declines to the terminal and queues a
/// reversal in the same transaction (design.md §4).
/// </summary>
internal sealed partial class AuthorizeCardService(
    CardHostChannel channel,
    SaleRecords records,
    SaleLedger ledger,
    PanProtector protector,
    CardsMetrics metrics,
    TimeProvider clock,
    IOptions<CardsOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<AuthorizeCardService> logger)
{
    /// <summary>
    /// Authorizes the card and completes <paramref name="call"/> with the sale; false, with nothing done, when the call's
    /// Idempotency-Key is already taken. Two commits: the request record with the key's claim (before the host is asked,
    /// so a crash leaves a sale to reverse, never an unknown one), then the result with the ledger hold and the response.
    /// </summary>
    public async Task<bool> AuthorizeAsync(string kind, CallerIdentity caller, CardAuthorizationRequest request, IdempotentCall call,
        CancellationToken cancellationToken)
    {
        var merchantId = caller.MerchantId!;
        var now = clock.GetUtcNow();
        var saleId = Guid.CreateVersion7(now);
        var hostTerminal = HostIdentifiers.TerminalId(caller.Id);
        var mti = kind == "sale" ? Mti.FinancialRequest : Mti.AuthorizationRequest;
        string pan;
        string expiry;
        if (request.Track2 is not null)
        {
            if (!CardNumbers.TryParseTrack2(request.Track2, out pan, out expiry))
            {
                throw new InvalidOperationException("Track 2 reached the service unvalidated.");
            }
        }
        else
        {
            pan = request.Pan!;
            expiry = request.Expiry!;
        }

        AuthorizationRecord record;
        await using (var requested = await records.BeginAsync(cancellationToken))
        {
            if (!await call.ClaimAsync(requested.Transaction, cancellationToken))
            {
                return false;
            }

            var stan = channel.NextStan(hostTerminal);
            var entryMode = request.EntryMode ?? (request.Emv is not null ? "051" : request.Track2 is not null ? "901" : "012");
            record = new AuthorizationRecord(saleId, kind, merchantId, caller.Id, request.Amount, request.Currency,
                pan[..6], pan[^4..], protector.Token(pan), entryMode, request.Installments, mti.ToString(), "000000", stan,
                now.ToString("MMddHHmmss", CultureInfo.InvariantCulture), options.Value.AcquirerId,
                now.ToString("yyMMdd", CultureInfo.InvariantCulture) + stan.ToString("D6", CultureInfo.InvariantCulture),
                hostTerminal, HostIdentifiers.MerchantId(merchantId), now);
            await SaleRecords.InsertAuthorizationAsync(requested.Transaction, record, cancellationToken);
            await requested.CommitAsync(CancellationToken.None);
        }

        try
        {
            var message = BuildRequest(mti, record, request, pan, expiry);
            HostExchange exchange;
            try
            {
                // Not the terminal's token: once sent, the exchange must finish and be recorded even if the terminal hangs up.
                exchange = await channel.ExchangeAsync(message, lifetime.ApplicationStopping);
            }
            finally
            {
                message.Clear(); // wipes DE2/DE35/DE52/DE55 from memory (PCI DSS 4.0.1 Req. 3.3.1)
            }

            await RecordResultAsync(record, exchange, call, cancellationToken);
            return true;
        }
        catch
        {
            // No response stored: free the key so the terminal's retry runs. The sale left without a result is reversed
            // as abandoned by the expiry worker.
            await call.ReleaseAsync();
            throw;
        }
    }

    private async Task RecordResultAsync(AuthorizationRecord record, HostExchange exchange, IdempotentCall call,
        CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        await using var sale = await records.BeginLockedAsync(record.SaleId, CancellationToken.None);
        var tx = sale.Transaction;
        var response = exchange.Response;
        var code = response?.ResponseCode39;
        string outcome;
        string? reason;
        if (exchange.Kind == HostExchangeKind.Answered && code is not null)
        {
            outcome = code == "00" ? "approved" : "declined";
            reason = code;
            await SaleRecords.InsertResultAsync(tx, record.SaleId, outcome, code, response!.AuthId38, null, at, CancellationToken.None);
            if (outcome == "approved")
            {
                await ledger.HoldAsync(record.SaleId, record.MerchantId, record.Amount, at, tx, CancellationToken.None);
            }
        }
        else if (exchange.Kind == HostExchangeKind.NotSent)
        {
            outcome = "declined";
            reason = exchange.Reason;
            await SaleRecords.InsertResultAsync(tx, record.SaleId, outcome, null, null, reason, at, CancellationToken.None);
        }
        else
        {
            outcome = "unknown";
            reason = exchange.Kind == HostExchangeKind.Answered ? "timeout" : exchange.Reason;
            await SaleRecords.InsertResultAsync(tx, record.SaleId, outcome, null, null, reason, at, CancellationToken.None);
            await SaleRecords.QueueReversalAsync(tx, record.SaleId, reason, at, CancellationToken.None);
        }

        response?.Clear();
        var view = await SaleQueries.FindAsync(tx, record.SaleId, record.MerchantId, CancellationToken.None);
        await call.CompleteAsync(tx, StatusCodes.Status201Created, view, CancellationToken.None);
        await sale.CommitAsync(CancellationToken.None);
        metrics.Authorization(outcome);
        if (outcome == "unknown")
        {
            LogUnknown(record.SaleId, record.TerminalId, reason);
        }
        else
        {
            LogResult(record.SaleId, record.TerminalId, outcome, reason);
        }
    }

    private static Iso8583Message BuildRequest(Mti mti, AuthorizationRecord record, CardAuthorizationRequest request, string pan,
        string expiry)
    {
        var message = new Iso8583Message(mti)
        {
            ProcessingCode3 = record.ProcessingCode,
            AmountTransaction4 = record.Amount,
            TransmissionDateTime7 = record.TransmissionDateTime,
            Stan11 = record.Stan,
            LocalTime12 = record.RequestedAt.ToString("HHmmss", CultureInfo.InvariantCulture),
            LocalDate13 = record.RequestedAt.ToString("MMdd", CultureInfo.InvariantCulture),
            PosEntryMode22 = record.EntryMode,
            AcquirerId32 = record.AcquirerId,
            Rrn37 = record.Rrn,
            TerminalId41 = record.HostTerminalId,
            MerchantId42 = record.HostMerchantId,
            Currency49 = record.Currency,
        };
        if (request.Installments is { } installments)
        {
            message.AdditionalDataPrivate48 = PrivateData48.Installments(installments);
        }

        if (request.Track2 is not null)
        {
            message.Track2_35 = request.Track2;
        }
        else
        {
            message.Pan2 = pan;
            message.Expiry14 = expiry;
        }

        if (request.PinBlock is not null)
        {
            var pin = Convert.FromHexString(request.PinBlock);
            message.SetPinBlock52(pin);
            Array.Clear(pin);
        }

        if (request.Emv is not null)
        {
            var icc = Convert.FromHexString(request.Emv);
            message.SetIcc55(icc);
            Array.Clear(icc);
        }

        return message;
    }

    [LoggerMessage(LogLevel.Information, "Card {SaleId} from terminal {TerminalId}: {Outcome} ({ResponseCode})")]
    private partial void LogResult(Guid saleId, string terminalId, string outcome, string? responseCode);

    [LoggerMessage(LogLevel.Warning, "Card {SaleId} from terminal {TerminalId}: outcome unknown ({Reason}); declined and reversal queued")]
    private partial void LogUnknown(Guid saleId, string terminalId, string reason);
}
