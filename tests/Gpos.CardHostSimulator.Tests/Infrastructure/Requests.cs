using Gpos.Iso8583;

namespace Gpos.CardHostSimulator.Tests.Infrastructure;

/// <summary>Requests as GPOS's card module sends them (Iso87Ascii).</summary>
internal static class Requests
{
    public const string Terminal = "TERM0001";
    public const string Merchant = "MERCHANT0000001";
    public const string VisaTestPan = "4111111111111111";

    public static Iso8583Message Purchase(int stan, long amount, string? pan = VisaTestPan, string terminal = Terminal) =>
        Card(Mti.FinancialRequest, stan, amount, pan, terminal);

    public static Iso8583Message PreAuthorization(int stan, long amount, string? pan = VisaTestPan, string terminal = Terminal) =>
        Card(Mti.AuthorizationRequest, stan, amount, pan, terminal);

    public static Iso8583Message Reversal(Iso8583Message original, int stan)
    {
        var reversal = new Iso8583Message(Mti.ReversalRequest)
        {
            ProcessingCode3 = original.ProcessingCode3,
            AmountTransaction4 = original.AmountTransaction4,
            TransmissionDateTime7 = "1122103500",
            Stan11 = stan,
            TerminalId41 = original.TerminalId41,
            MerchantId42 = original.MerchantId42,
            Currency49 = original.Currency49,
        };
        reversal.SetOriginalData90(OriginalDataElements.FromRequest(original));
        return reversal;
    }

    /// <summary>A pre-authorization completion advice (0220) of <paramref name="original"/> for <paramref name="amount"/>.</summary>
    public static Iso8583Message Completion(Iso8583Message original, int stan, long amount, bool repeat = false)
    {
        var completion = Reversal(original, stan);
        completion.Mti = new Mti(repeat ? 221 : 220);
        completion.AmountTransaction4 = amount;
        return completion;
    }

    public static Iso8583Message NetworkManagement(int stan, string code, string terminal = Terminal) =>
        new(Mti.NetworkManagementRequest)
        {
            TransmissionDateTime7 = "1122103000",
            Stan11 = stan,
            TerminalId41 = terminal,
            NetworkMgmtCode70 = code,
        };

    private static Iso8583Message Card(Mti mti, int stan, long amount, string? pan, string terminal)
    {
        var message = new Iso8583Message(mti)
        {
            ProcessingCode3 = "003000",
            AmountTransaction4 = amount,
            TransmissionDateTime7 = "1122103000",
            Stan11 = stan,
            LocalTime12 = "073000",
            LocalDate13 = "1122",
            PosEntryMode22 = "051",
            TerminalId41 = terminal,
            MerchantId42 = Merchant,
            Currency49 = "986",
        };
        if (pan is not null)
        {
            message.Pan2 = pan;
            message.Expiry14 = "3012";
        }

        return message;
    }
}
