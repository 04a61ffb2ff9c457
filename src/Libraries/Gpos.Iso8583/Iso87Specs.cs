namespace Gpos.Iso8583;

/// <summary>
/// The ISO 8583:1987 field table, transcribed from jPOS <c>ISO87APackager.java</c> / <c>ISO87BPackager.java</c>
/// (jpos/jPOS, jpos/src/main/java/org/jpos/iso/packager). Both packagers share lengths and types; they differ only in encoding.
/// </summary>
internal static class Iso87Specs
{
    private const FieldType N = FieldType.Numeric;
    private const FieldType Ans = FieldType.AlphaNumericSpecial;
    private const FieldType Z = FieldType.Track;
    private const FieldType B = FieldType.Binary;
    private const FieldType Xn = FieldType.SignedAmount;
    private const LengthKind Fix = LengthKind.Fixed;
    private const LengthKind LL = LengthKind.LL;
    private const LengthKind LLL = LengthKind.LLL;

    // Cardholder and security data hidden by SafeMessageFormatter (DE2 is masked to BIN + last 4): iso8583.md §8.
    private static readonly Field[] Sensitive =
    [
        Field.Pan2, Field.Expiry14, Field.PanExtended34, Field.Track2_35, Field.Track3_36, Field.Track1_45,
        Field.PinBlock52, Field.SecurityControl53, Field.Icc55,
    ];

    public static IsoMessageSpec CreateAscii() =>
        Create("ISO 8583:1987 ASCII (jPOS ISO87APackager)", MtiEncoding.Ascii, BitmapEncoding.AsciiHex, binary: false);

    public static IsoMessageSpec CreateBinary() =>
        Create("ISO 8583:1987 binary (jPOS ISO87BPackager style)", MtiEncoding.Bcd, BitmapEncoding.Binary, binary: true);

    private static IsoMessageSpec Create(string name, MtiEncoding mti, BitmapEncoding bitmap, bool binary)
    {
        var definitions = new List<FieldDefinition>(127);
        foreach (var (field, type, kind, max, description) in Table())
        {
            var encoding = (type, binary) switch
            {
                (N or Z, true) => FieldEncoding.Bcd,
                (B, true) => FieldEncoding.Binary,
                (B, false) => FieldEncoding.AsciiHex,
                _ => FieldEncoding.Ascii,
            };
            int maxLength = max;

            // DE55 under ISO87APackager is IFA_LLLCHAR(999) holding hex text: at most 499 bytes of TLV (998 characters).
            if (encoding == FieldEncoding.AsciiHex && kind != Fix)
            {
                maxLength = Math.Min(max, (kind == LL ? 99 : 999) / 2);
            }

            definitions.Add(new FieldDefinition(
                field,
                type,
                kind,
                maxLength,
                encoding,
                description,
                binary ? PrefixEncoding.Bcd : PrefixEncoding.Ascii,
                Array.IndexOf(Sensitive, field) >= 0));
        }

        return new IsoMessageSpec(name, mti, bitmap, definitions);
    }

    private static IEnumerable<(Field Field, FieldType Type, LengthKind Kind, int Max, string Description)> Table()
    {
        yield return (Field.Pan2, N, LL, 19, "PAN - PRIMARY ACCOUNT NUMBER");
        yield return (Field.ProcessingCode3, N, Fix, 6, "PROCESSING CODE");
        yield return (Field.AmountTransaction4, N, Fix, 12, "AMOUNT, TRANSACTION");
        yield return (Field.AmountSettlement5, N, Fix, 12, "AMOUNT, SETTLEMENT");
        yield return (Field.AmountCardholderBilling6, N, Fix, 12, "AMOUNT, CARDHOLDER BILLING");
        yield return (Field.TransmissionDateTime7, N, Fix, 10, "TRANSMISSION DATE AND TIME");
        yield return (Field.AmountCardholderBillingFee8, N, Fix, 8, "AMOUNT, CARDHOLDER BILLING FEE");
        yield return (Field.ConversionRateSettlement9, N, Fix, 8, "CONVERSION RATE, SETTLEMENT");
        yield return (Field.ConversionRateCardholderBilling10, N, Fix, 8, "CONVERSION RATE, CARDHOLDER BILLING");
        yield return (Field.Stan11, N, Fix, 6, "SYSTEM TRACE AUDIT NUMBER");
        yield return (Field.LocalTime12, N, Fix, 6, "TIME, LOCAL TRANSACTION");
        yield return (Field.LocalDate13, N, Fix, 4, "DATE, LOCAL TRANSACTION");
        yield return (Field.Expiry14, N, Fix, 4, "DATE, EXPIRATION");
        yield return (Field.SettlementDate15, N, Fix, 4, "DATE, SETTLEMENT");
        yield return (Field.ConversionDate16, N, Fix, 4, "DATE, CONVERSION");
        yield return (Field.CaptureDate17, N, Fix, 4, "DATE, CAPTURE");
        yield return (Field.MerchantType18, N, Fix, 4, "MERCHANTS TYPE");
        yield return (Field.AcquirerCountry19, N, Fix, 3, "ACQUIRING INSTITUTION COUNTRY CODE");
        yield return (Field.PanExtendedCountry20, N, Fix, 3, "PAN EXTENDED COUNTRY CODE");
        yield return (Field.ForwardingCountry21, N, Fix, 3, "FORWARDING INSTITUTION COUNTRY CODE");
        yield return (Field.PosEntryMode22, N, Fix, 3, "POINT OF SERVICE ENTRY MODE");
        yield return (Field.CardSequenceNumber23, N, Fix, 3, "CARD SEQUENCE NUMBER");
        yield return (Field.NetworkInternationalId24, N, Fix, 3, "NETWORK INTERNATIONAL IDENTIFIER");
        yield return (Field.PosConditionCode25, N, Fix, 2, "POINT OF SERVICE CONDITION CODE");
        yield return (Field.PosPinCaptureCode26, N, Fix, 2, "POINT OF SERVICE PIN CAPTURE CODE");
        yield return (Field.AuthIdResponseLength27, N, Fix, 1, "AUTHORIZATION IDENTIFICATION RESP LEN");
        yield return (Field.AmountTransactionFee28, Xn, Fix, 9, "AMOUNT, TRANSACTION FEE");
        yield return (Field.AmountSettlementFee29, Xn, Fix, 9, "AMOUNT, SETTLEMENT FEE");
        yield return (Field.AmountTransactionProcessingFee30, Xn, Fix, 9, "AMOUNT, TRANSACTION PROCESSING FEE");
        yield return (Field.AmountSettlementProcessingFee31, Xn, Fix, 9, "AMOUNT, SETTLEMENT PROCESSING FEE");
        yield return (Field.AcquirerId32, N, LL, 11, "ACQUIRING INSTITUTION IDENT CODE");
        yield return (Field.ForwardingId33, N, LL, 11, "FORWARDING INSTITUTION IDENT CODE");
        yield return (Field.PanExtended34, Ans, LL, 28, "PAN EXTENDED");
        yield return (Field.Track2_35, Z, LL, 37, "TRACK 2 DATA");
        yield return (Field.Track3_36, Ans, LLL, 104, "TRACK 3 DATA");
        yield return (Field.Rrn37, Ans, Fix, 12, "RETRIEVAL REFERENCE NUMBER");
        yield return (Field.AuthId38, Ans, Fix, 6, "AUTHORIZATION IDENTIFICATION RESPONSE");
        yield return (Field.ResponseCode39, Ans, Fix, 2, "RESPONSE CODE");
        yield return (Field.ServiceRestrictionCode40, Ans, Fix, 3, "SERVICE RESTRICTION CODE");
        yield return (Field.TerminalId41, Ans, Fix, 8, "CARD ACCEPTOR TERMINAL IDENTIFICATION");
        yield return (Field.MerchantId42, Ans, Fix, 15, "CARD ACCEPTOR IDENTIFICATION CODE");
        yield return (Field.CardAcceptorNameLocation43, Ans, Fix, 40, "CARD ACCEPTOR NAME/LOCATION");
        yield return (Field.AdditionalResponseData44, Ans, LL, 25, "ADDITIONAL RESPONSE DATA");
        yield return (Field.Track1_45, Ans, LL, 76, "TRACK 1 DATA");
        yield return (Field.AdditionalDataIso46, Ans, LLL, 999, "ADDITIONAL DATA - ISO");
        yield return (Field.AdditionalDataNational47, Ans, LLL, 999, "ADDITIONAL DATA - NATIONAL");
        yield return (Field.AdditionalDataPrivate48, Ans, LLL, 999, "ADDITIONAL DATA - PRIVATE");
        yield return (Field.Currency49, Ans, Fix, 3, "CURRENCY CODE, TRANSACTION");
        yield return (Field.CurrencySettlement50, Ans, Fix, 3, "CURRENCY CODE, SETTLEMENT");
        yield return (Field.CurrencyCardholderBilling51, Ans, Fix, 3, "CURRENCY CODE, CARDHOLDER BILLING");
        yield return (Field.PinBlock52, B, Fix, 8, "PIN DATA");
        yield return (Field.SecurityControl53, N, Fix, 16, "SECURITY RELATED CONTROL INFORMATION");
        yield return (Field.AdditionalAmounts54, Ans, LLL, 120, "ADDITIONAL AMOUNTS");
        yield return (Field.Icc55, B, LLL, 999, "ICC DATA (EMV BER-TLV)");
        yield return (Field.ReservedIso56, Ans, LLL, 999, "RESERVED ISO");
        yield return (Field.ReservedNational57, Ans, LLL, 999, "RESERVED NATIONAL");
        yield return (Field.ReservedNational58, Ans, LLL, 999, "RESERVED NATIONAL");
        yield return (Field.ReservedNational59, Ans, LLL, 999, "RESERVED NATIONAL");
        yield return (Field.Private60, Ans, LLL, 999, "RESERVED PRIVATE");
        yield return (Field.Private61, Ans, LLL, 999, "RESERVED PRIVATE");
        yield return (Field.Private62, Ans, LLL, 999, "RESERVED PRIVATE");
        yield return (Field.Private63, Ans, LLL, 999, "RESERVED PRIVATE");
        yield return (Field.Mac64, B, Fix, 8, "MESSAGE AUTHENTICATION CODE FIELD");
        yield return (Field.ExtendedBitmap65, B, Fix, 1, "BITMAP, EXTENDED");
        yield return (Field.SettlementCode66, N, Fix, 1, "SETTLEMENT CODE");
        yield return (Field.ExtendedPaymentCode67, N, Fix, 2, "EXTENDED PAYMENT CODE");
        yield return (Field.ReceivingCountry68, N, Fix, 3, "RECEIVING INSTITUTION COUNTRY CODE");
        yield return (Field.SettlementCountry69, N, Fix, 3, "SETTLEMENT INSTITUTION COUNTRY CODE");
        yield return (Field.NetworkMgmtCode70, N, Fix, 3, "NETWORK MANAGEMENT INFORMATION CODE");
        yield return (Field.MessageNumber71, N, Fix, 4, "MESSAGE NUMBER");
        yield return (Field.MessageNumberLast72, N, Fix, 4, "MESSAGE NUMBER LAST");
        yield return (Field.ActionDate73, N, Fix, 6, "DATE ACTION");
        for (var f = Field.CreditsNumber74; f <= Field.AuthorizationsNumber81; f++)
        {
            yield return (f, N, Fix, 10, f.ToString());
        }

        for (var f = Field.CreditsProcessingFeeAmount82; f <= Field.DebitsTransactionFeeAmount85; f++)
        {
            yield return (f, N, Fix, 12, f.ToString());
        }

        for (var f = Field.CreditsAmount86; f <= Field.DebitsReversalAmount89; f++)
        {
            yield return (f, N, Fix, 16, f.ToString());
        }

        yield return (Field.OriginalData90, N, Fix, 42, "ORIGINAL DATA ELEMENTS");
        yield return (Field.FileUpdateCode91, Ans, Fix, 1, "FILE UPDATE CODE");
        yield return (Field.FileSecurityCode92, Ans, Fix, 2, "FILE SECURITY CODE");
        yield return (Field.ResponseIndicator93, Ans, Fix, 6, "RESPONSE INDICATOR");
        yield return (Field.ServiceIndicator94, Ans, Fix, 7, "SERVICE INDICATOR");
        yield return (Field.ReplacementAmounts95, Ans, Fix, 42, "REPLACEMENT AMOUNTS");
        yield return (Field.MessageSecurityCode96, B, Fix, 16, "MESSAGE SECURITY CODE");
        yield return (Field.AmountNetSettlement97, Xn, Fix, 17, "AMOUNT, NET SETTLEMENT");
        yield return (Field.Payee98, Ans, Fix, 25, "PAYEE");
        yield return (Field.SettlementInstitutionId99, N, LL, 11, "SETTLEMENT INSTITUTION IDENT CODE");
        yield return (Field.ReceivingInstitutionId100, N, LL, 11, "RECEIVING INSTITUTION IDENT CODE");
        yield return (Field.FileName101, Ans, LL, 17, "FILE NAME");
        yield return (Field.AccountId1_102, Ans, LL, 28, "ACCOUNT IDENTIFICATION 1");
        yield return (Field.AccountId2_103, Ans, LL, 28, "ACCOUNT IDENTIFICATION 2");
        yield return (Field.TransactionDescription104, Ans, LLL, 100, "TRANSACTION DESCRIPTION");
        for (var f = Field.ReservedIso105; f <= Field.ReservedPrivate127; f++)
        {
            yield return (f, Ans, LLL, 999, f.ToString());
        }

        yield return (Field.Mac128, B, Fix, 8, "MAC 2");
    }
}
