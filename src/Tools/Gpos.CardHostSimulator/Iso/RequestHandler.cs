using System.Globalization;
using Gpos.CardHostSimulator.Rules;
using Gpos.CardHostSimulator.State;
using Gpos.Iso8583;

namespace Gpos.CardHostSimulator.Iso;

/// <summary>Turns one parsed request into a <see cref="Decision"/>: the deterministic rules, then the current fault.</summary>
internal sealed class RequestHandler(SimulatorState state, TimeSpan lateResponseDelay, ILogger logger)
{
    // Fields a response echoes from its request (jPOS/iso8583.md §2); DE2 is deliberately not echoed.
    private static readonly Field[] FinancialEcho =
    [
        Field.ProcessingCode3, Field.AmountTransaction4, Field.TransmissionDateTime7, Field.Stan11, Field.LocalTime12,
        Field.LocalDate13, Field.Rrn37, Field.TerminalId41, Field.MerchantId42, Field.Currency49,
    ];

    // DE90 is echoed in 0410 (Network International "DE 90 – Original Data Elements": ME in 0410).
    private static readonly Field[] ReversalEcho = [.. FinancialEcho, Field.OriginalData90];

    private static readonly Field[] NetworkEcho =
    [
        Field.TransmissionDateTime7, Field.Stan11, Field.LocalTime12, Field.LocalDate13, Field.TerminalId41,
        Field.MerchantId42, Field.NetworkMgmtCode70,
    ];

    public Decision Handle(MessageEntry entry, Iso8583Message request)
    {
        var mti = request.Mti;
        var decision = (mti.MessageClass, mti.Function) switch
        {
            (1 or 2, 0) => Authorize(request),
            (2, 2) => Complete(entry, request),
            (4, 0 or 2) => Reverse(entry, request),
            (8, 0) => NetworkManagement(request),
            _ => Decision.Answer(CreateResponse(request, FinancialEcho, AuthorizationRules.InvalidTransaction), "MTI not served"),
        };
        return ApplyFault(mti, decision);
    }

    private Decision Authorize(Iso8583Message request)
    {
        if (request.AmountTransaction4 is not { } amount || CardData.PanBytes(request).IsEmpty
            || request.Stan11 is null || request.TerminalId41 is null)
        {
            return Decision.Answer(CreateResponse(request, FinancialEcho, AuthorizationRules.FormatError), "required field missing");
        }

        if (!PrivateData.TryReadInstallments(request.AdditionalDataPrivate48, out var installments))
        {
            return Decision.Answer(CreateResponse(request, FinancialEcho, AuthorizationRules.FormatError), "DE48 malformed");
        }

        string code = installments > AuthorizationRules.MaxInstallments
            ? AuthorizationRules.NotPermittedToCardholder
            : AuthorizationRules.CodeForPan(CardData.PanBytes(request)) ?? AuthorizationRules.CodeForAmount(amount);
        return (amount % 100) switch
        {
            AuthorizationRules.NeverAnsweredEnding => Decision.Silent("amount ending 98 is never answered"),
            AuthorizationRules.DropConnectionEnding => Decision.Drop("amount ending 99 drops the connection"),
            AuthorizationRules.LateAnswerEnding => new Decision(Transport.Respond, CreateResponse(request, FinancialEcho, code),
                lateResponseDelay, "amount ending 97 is answered late"),
            _ => Decision.Answer(CreateResponse(request, FinancialEcho, code), "rules"),
        };
    }

    private Decision Reverse(MessageEntry entry, Iso8583Message request)
    {
        var reversal = state.RecordReversal(entry, request);
        var record = reversal.ToRecord();
        logger.LogInformation(
            "Reversal {Mti} STAN {Stan} terminal {TerminalId} of original {OriginalMti} STAN {OriginalStan}: found {OriginalFound}, duplicate {IsDuplicate}",
            record.Mti, record.Stan, record.TerminalId, record.OriginalMti, record.OriginalStan, record.OriginalFound,
            record.IsDuplicate);

        // Reversals are always acknowledged, even of an unknown original, as hosts do (the acquirer must stop retrying).
        return Decision.Answer(CreateResponse(request, ReversalEcho, AuthorizationRules.Approved), "reversal acknowledged");
    }

    private Decision Complete(MessageEntry entry, Iso8583Message request)
    {
        // Pre-authorization completion advice (0220, repeats 0221; iso8583.md §2): checked against its 0100 named by DE90.
        string code = state.ApplyCompletion(entry, request);
        logger.LogInformation("Completion {Mti} STAN {Stan} terminal {TerminalId} amount {Amount}: {ResponseCode}",
            entry.Mti.ToString(), entry.Stan, entry.TerminalId, entry.Amount, code);
        return Decision.Answer(CreateResponse(request, ReversalEcho, code), "completion advice");
    }

    private static Decision NetworkManagement(Iso8583Message request)
    {
        // DE70: 001 sign-on, 002 sign-off, 301 echo test (iso8583.md §2).
        string code = request.NetworkMgmtCode70 switch
        {
            null => AuthorizationRules.FormatError,
            "001" or "002" or "301" => AuthorizationRules.Approved,
            _ => AuthorizationRules.InvalidTransaction,
        };
        var response = request.CreateResponse(NetworkEcho);
        response.ResponseCode39 = code;
        return Decision.Answer(response, "network management");
    }

    private Decision ApplyFault(Mti mti, Decision decision)
    {
        var (mode, delay) = state.TakeFault(mti);
        return mode switch
        {
            FaultMode.Silent => Decision.Silent("silent fault"),
            FaultMode.Drop => Decision.Drop("drop fault"),
            FaultMode.Garbage => Decision.Garbage("garbage fault"),
            FaultMode.Delay when decision.Transport == Transport.Respond => decision with { Delay = delay, Reason = "delay fault" },
            _ => decision,
        };
    }

    private Iso8583Message CreateResponse(Iso8583Message request, Field[] echo, string code)
    {
        var response = request.CreateResponse(echo);
        long number = state.NextReferenceNumber();
        if (!response.Has(Field.Rrn37))
        {
            response.Rrn37 = (number % 1_000_000_000_000).ToString("D12", CultureInfo.InvariantCulture);
        }

        response.ResponseCode39 = code;
        if (code == AuthorizationRules.Approved && request.Mti.MessageClass is 1 or 2)
        {
            response.AuthId38 = (number % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        }

        return response;
    }
}
