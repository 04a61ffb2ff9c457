namespace Gpos.Iso8583;

/// <summary>EMV tags commonly carried in DE55 (EMV Book 3 Annex A), named by meaning and tag.</summary>
public static class EmvTag
{
    /// <summary>Application Interchange Profile.</summary>
    public const uint ApplicationInterchangeProfile82 = 0x82;

    /// <summary>Dedicated File (DF) name.</summary>
    public const uint DedicatedFileName84 = 0x84;

    /// <summary>Terminal Verification Results.</summary>
    public const uint TerminalVerificationResults95 = 0x95;

    /// <summary>Transaction Date (YYMMDD).</summary>
    public const uint TransactionDate9A = 0x9A;

    /// <summary>Transaction Type.</summary>
    public const uint TransactionType9C = 0x9C;

    /// <summary>Transaction Currency Code.</summary>
    public const uint TransactionCurrencyCode5F2A = 0x5F2A;

    /// <summary>PAN Sequence Number.</summary>
    public const uint PanSequenceNumber5F34 = 0x5F34;

    /// <summary>Amount, Authorised (numeric).</summary>
    public const uint AmountAuthorised9F02 = 0x9F02;

    /// <summary>Amount, Other (numeric).</summary>
    public const uint AmountOther9F03 = 0x9F03;

    /// <summary>Issuer Application Data.</summary>
    public const uint IssuerApplicationData9F10 = 0x9F10;

    /// <summary>Terminal Country Code.</summary>
    public const uint TerminalCountryCode9F1A = 0x9F1A;

    /// <summary>Application Cryptogram (ARQC/TC/AAC).</summary>
    public const uint ApplicationCryptogram9F26 = 0x9F26;

    /// <summary>Cryptogram Information Data.</summary>
    public const uint CryptogramInformationData9F27 = 0x9F27;

    /// <summary>Terminal Capabilities.</summary>
    public const uint TerminalCapabilities9F33 = 0x9F33;

    /// <summary>Cardholder Verification Method Results.</summary>
    public const uint CvmResults9F34 = 0x9F34;

    /// <summary>Terminal Type.</summary>
    public const uint TerminalType9F35 = 0x9F35;

    /// <summary>Application Transaction Counter.</summary>
    public const uint ApplicationTransactionCounter9F36 = 0x9F36;

    /// <summary>Unpredictable Number.</summary>
    public const uint UnpredictableNumber9F37 = 0x9F37;

    /// <summary>Issuer Authentication Data (response).</summary>
    public const uint IssuerAuthenticationData91 = 0x91;

    /// <summary>Issuer Script Template 1 (constructed).</summary>
    public const uint IssuerScriptTemplate71 = 0x71;

    /// <summary>Issuer Script Template 2 (constructed).</summary>
    public const uint IssuerScriptTemplate72 = 0x72;
}
