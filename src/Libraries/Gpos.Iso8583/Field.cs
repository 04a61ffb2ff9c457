using System.Diagnostics.CodeAnalysis;

namespace Gpos.Iso8583;

/// <summary>
/// ISO 8583:1987 data elements, named by meaning and number (jPOS ISO87APackager descriptions).
/// Calling code uses these names, never bare field numbers. The numeric value is the field number.
/// </summary>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Name then DE number; an underscore keeps the digits apart (Track2_35).")]
public enum Field
{
    /// <summary>DE 0: Message type indicator (MTI); used in error reports only.</summary>
    MessageType0 = 0,
    /// <summary>DE 1: Bitmap (secondary bitmap flag); used in error reports only.</summary>
    Bitmap1 = 1,
    /// <summary>DE 2: Primary account number (PAN).</summary>
    Pan2 = 2,
    /// <summary>DE 3: Processing code.</summary>
    ProcessingCode3 = 3,
    /// <summary>DE 4: Amount, transaction (minor units).</summary>
    AmountTransaction4 = 4,
    /// <summary>DE 5: Amount, settlement.</summary>
    AmountSettlement5 = 5,
    /// <summary>DE 6: Amount, cardholder billing.</summary>
    AmountCardholderBilling6 = 6,
    /// <summary>DE 7: Transmission date and time, MMDDhhmmss (UTC).</summary>
    TransmissionDateTime7 = 7,
    /// <summary>DE 8: Amount, cardholder billing fee.</summary>
    AmountCardholderBillingFee8 = 8,
    /// <summary>DE 9: Conversion rate, settlement.</summary>
    ConversionRateSettlement9 = 9,
    /// <summary>DE 10: Conversion rate, cardholder billing.</summary>
    ConversionRateCardholderBilling10 = 10,
    /// <summary>DE 11: System trace audit number (STAN).</summary>
    Stan11 = 11,
    /// <summary>DE 12: Time, local transaction, hhmmss.</summary>
    LocalTime12 = 12,
    /// <summary>DE 13: Date, local transaction, MMDD.</summary>
    LocalDate13 = 13,
    /// <summary>DE 14: Date, expiration, YYMM.</summary>
    Expiry14 = 14,
    /// <summary>DE 15: Date, settlement.</summary>
    SettlementDate15 = 15,
    /// <summary>DE 16: Date, conversion.</summary>
    ConversionDate16 = 16,
    /// <summary>DE 17: Date, capture.</summary>
    CaptureDate17 = 17,
    /// <summary>DE 18: Merchant type (MCC).</summary>
    MerchantType18 = 18,
    /// <summary>DE 19: Acquiring institution country code.</summary>
    AcquirerCountry19 = 19,
    /// <summary>DE 20: PAN extended country code.</summary>
    PanExtendedCountry20 = 20,
    /// <summary>DE 21: Forwarding institution country code.</summary>
    ForwardingCountry21 = 21,
    /// <summary>DE 22: Point of service entry mode.</summary>
    PosEntryMode22 = 22,
    /// <summary>DE 23: Card sequence number.</summary>
    CardSequenceNumber23 = 23,
    /// <summary>DE 24: Network international identifier.</summary>
    NetworkInternationalId24 = 24,
    /// <summary>DE 25: Point of service condition code.</summary>
    PosConditionCode25 = 25,
    /// <summary>DE 26: Point of service PIN capture code.</summary>
    PosPinCaptureCode26 = 26,
    /// <summary>DE 27: Authorization identification response length.</summary>
    AuthIdResponseLength27 = 27,
    /// <summary>DE 28: Amount, transaction fee (x+n).</summary>
    AmountTransactionFee28 = 28,
    /// <summary>DE 29: Amount, settlement fee (x+n).</summary>
    AmountSettlementFee29 = 29,
    /// <summary>DE 30: Amount, transaction processing fee (x+n).</summary>
    AmountTransactionProcessingFee30 = 30,
    /// <summary>DE 31: Amount, settlement processing fee (x+n).</summary>
    AmountSettlementProcessingFee31 = 31,
    /// <summary>DE 32: Acquiring institution identification code.</summary>
    AcquirerId32 = 32,
    /// <summary>DE 33: Forwarding institution identification code.</summary>
    ForwardingId33 = 33,
    /// <summary>DE 34: PAN extended.</summary>
    PanExtended34 = 34,
    /// <summary>DE 35: Track 2 data.</summary>
    Track2_35 = 35,
    /// <summary>DE 36: Track 3 data.</summary>
    Track3_36 = 36,
    /// <summary>DE 37: Retrieval reference number.</summary>
    Rrn37 = 37,
    /// <summary>DE 38: Authorization identification response (approval code).</summary>
    AuthId38 = 38,
    /// <summary>DE 39: Response code.</summary>
    ResponseCode39 = 39,
    /// <summary>DE 40: Service restriction code.</summary>
    ServiceRestrictionCode40 = 40,
    /// <summary>DE 41: Card acceptor terminal identification.</summary>
    TerminalId41 = 41,
    /// <summary>DE 42: Card acceptor identification code.</summary>
    MerchantId42 = 42,
    /// <summary>DE 43: Card acceptor name/location.</summary>
    CardAcceptorNameLocation43 = 43,
    /// <summary>DE 44: Additional response data.</summary>
    AdditionalResponseData44 = 44,
    /// <summary>DE 45: Track 1 data.</summary>
    Track1_45 = 45,
    /// <summary>DE 46: Additional data, ISO.</summary>
    AdditionalDataIso46 = 46,
    /// <summary>DE 47: Additional data, national.</summary>
    AdditionalDataNational47 = 47,
    /// <summary>DE 48: Additional data, private.</summary>
    AdditionalDataPrivate48 = 48,
    /// <summary>DE 49: Currency code, transaction.</summary>
    Currency49 = 49,
    /// <summary>DE 50: Currency code, settlement.</summary>
    CurrencySettlement50 = 50,
    /// <summary>DE 51: Currency code, cardholder billing.</summary>
    CurrencyCardholderBilling51 = 51,
    /// <summary>DE 52: PIN data (PIN block).</summary>
    PinBlock52 = 52,
    /// <summary>DE 53: Security related control information.</summary>
    SecurityControl53 = 53,
    /// <summary>DE 54: Additional amounts.</summary>
    AdditionalAmounts54 = 54,
    /// <summary>DE 55: ICC (EMV) data, BER-TLV.</summary>
    Icc55 = 55,
    /// <summary>DE 56: Reserved ISO.</summary>
    ReservedIso56 = 56,
    /// <summary>DE 57: Reserved national.</summary>
    ReservedNational57 = 57,
    /// <summary>DE 58: Reserved national.</summary>
    ReservedNational58 = 58,
    /// <summary>DE 59: Reserved national.</summary>
    ReservedNational59 = 59,
    /// <summary>DE 60: Reserved private.</summary>
    Private60 = 60,
    /// <summary>DE 61: Reserved private.</summary>
    Private61 = 61,
    /// <summary>DE 62: Reserved private.</summary>
    Private62 = 62,
    /// <summary>DE 63: Reserved private.</summary>
    Private63 = 63,
    /// <summary>DE 64: Message authentication code.</summary>
    Mac64 = 64,
    /// <summary>DE 65: Bitmap, extended.</summary>
    ExtendedBitmap65 = 65,
    /// <summary>DE 66: Settlement code.</summary>
    SettlementCode66 = 66,
    /// <summary>DE 67: Extended payment code.</summary>
    ExtendedPaymentCode67 = 67,
    /// <summary>DE 68: Receiving institution country code.</summary>
    ReceivingCountry68 = 68,
    /// <summary>DE 69: Settlement institution country code.</summary>
    SettlementCountry69 = 69,
    /// <summary>DE 70: Network management information code.</summary>
    NetworkMgmtCode70 = 70,
    /// <summary>DE 71: Message number.</summary>
    MessageNumber71 = 71,
    /// <summary>DE 72: Message number, last.</summary>
    MessageNumberLast72 = 72,
    /// <summary>DE 73: Date, action.</summary>
    ActionDate73 = 73,
    /// <summary>DE 74: Credits, number.</summary>
    CreditsNumber74 = 74,
    /// <summary>DE 75: Credits, reversal number.</summary>
    CreditsReversalNumber75 = 75,
    /// <summary>DE 76: Debits, number.</summary>
    DebitsNumber76 = 76,
    /// <summary>DE 77: Debits, reversal number.</summary>
    DebitsReversalNumber77 = 77,
    /// <summary>DE 78: Transfer, number.</summary>
    TransferNumber78 = 78,
    /// <summary>DE 79: Transfer, reversal number.</summary>
    TransferReversalNumber79 = 79,
    /// <summary>DE 80: Inquiries, number.</summary>
    InquiriesNumber80 = 80,
    /// <summary>DE 81: Authorizations, number.</summary>
    AuthorizationsNumber81 = 81,
    /// <summary>DE 82: Credits, processing fee amount.</summary>
    CreditsProcessingFeeAmount82 = 82,
    /// <summary>DE 83: Credits, transaction fee amount.</summary>
    CreditsTransactionFeeAmount83 = 83,
    /// <summary>DE 84: Debits, processing fee amount.</summary>
    DebitsProcessingFeeAmount84 = 84,
    /// <summary>DE 85: Debits, transaction fee amount.</summary>
    DebitsTransactionFeeAmount85 = 85,
    /// <summary>DE 86: Credits, amount.</summary>
    CreditsAmount86 = 86,
    /// <summary>DE 87: Credits, reversal amount.</summary>
    CreditsReversalAmount87 = 87,
    /// <summary>DE 88: Debits, amount.</summary>
    DebitsAmount88 = 88,
    /// <summary>DE 89: Debits, reversal amount.</summary>
    DebitsReversalAmount89 = 89,
    /// <summary>DE 90: Original data elements (ISO 8583:1987 DE 90).</summary>
    OriginalData90 = 90,
    /// <summary>DE 91: File update code.</summary>
    FileUpdateCode91 = 91,
    /// <summary>DE 92: File security code.</summary>
    FileSecurityCode92 = 92,
    /// <summary>DE 93: Response indicator.</summary>
    ResponseIndicator93 = 93,
    /// <summary>DE 94: Service indicator.</summary>
    ServiceIndicator94 = 94,
    /// <summary>DE 95: Replacement amounts.</summary>
    ReplacementAmounts95 = 95,
    /// <summary>DE 96: Message security code.</summary>
    MessageSecurityCode96 = 96,
    /// <summary>DE 97: Amount, net settlement (x+n).</summary>
    AmountNetSettlement97 = 97,
    /// <summary>DE 98: Payee.</summary>
    Payee98 = 98,
    /// <summary>DE 99: Settlement institution identification code.</summary>
    SettlementInstitutionId99 = 99,
    /// <summary>DE 100: Receiving institution identification code.</summary>
    ReceivingInstitutionId100 = 100,
    /// <summary>DE 101: File name.</summary>
    FileName101 = 101,
    /// <summary>DE 102: Account identification 1.</summary>
    AccountId1_102 = 102,
    /// <summary>DE 103: Account identification 2.</summary>
    AccountId2_103 = 103,
    /// <summary>DE 104: Transaction description.</summary>
    TransactionDescription104 = 104,
    /// <summary>DE 105: Reserved ISO use.</summary>
    ReservedIso105 = 105,
    /// <summary>DE 106: Reserved ISO use.</summary>
    ReservedIso106 = 106,
    /// <summary>DE 107: Reserved ISO use.</summary>
    ReservedIso107 = 107,
    /// <summary>DE 108: Reserved ISO use.</summary>
    ReservedIso108 = 108,
    /// <summary>DE 109: Reserved ISO use.</summary>
    ReservedIso109 = 109,
    /// <summary>DE 110: Reserved ISO use.</summary>
    ReservedIso110 = 110,
    /// <summary>DE 111: Reserved ISO use.</summary>
    ReservedIso111 = 111,
    /// <summary>DE 112: Reserved national use.</summary>
    ReservedNational112 = 112,
    /// <summary>DE 113: Reserved national use.</summary>
    ReservedNational113 = 113,
    /// <summary>DE 114: Reserved national use.</summary>
    ReservedNational114 = 114,
    /// <summary>DE 115: Reserved national use.</summary>
    ReservedNational115 = 115,
    /// <summary>DE 116: Reserved national use.</summary>
    ReservedNational116 = 116,
    /// <summary>DE 117: Reserved national use.</summary>
    ReservedNational117 = 117,
    /// <summary>DE 118: Reserved national use.</summary>
    ReservedNational118 = 118,
    /// <summary>DE 119: Reserved national use.</summary>
    ReservedNational119 = 119,
    /// <summary>DE 120: Reserved private use.</summary>
    ReservedPrivate120 = 120,
    /// <summary>DE 121: Reserved private use.</summary>
    ReservedPrivate121 = 121,
    /// <summary>DE 122: Reserved private use.</summary>
    ReservedPrivate122 = 122,
    /// <summary>DE 123: Reserved private use.</summary>
    ReservedPrivate123 = 123,
    /// <summary>DE 124: Reserved private use.</summary>
    ReservedPrivate124 = 124,
    /// <summary>DE 125: Reserved private use.</summary>
    ReservedPrivate125 = 125,
    /// <summary>DE 126: Reserved private use.</summary>
    ReservedPrivate126 = 126,
    /// <summary>DE 127: Reserved private use.</summary>
    ReservedPrivate127 = 127,
    /// <summary>DE 128: Message authentication code 2.</summary>
    Mac128 = 128,
}
