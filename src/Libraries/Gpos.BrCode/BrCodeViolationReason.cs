namespace Gpos.BrCode;

/// <summary>Why a BR Code, or a request to create one, was rejected or flagged.</summary>
public enum BrCodeViolationReason
{
    /// <summary>The input is empty.</summary>
    EmptyInput = 1,

    /// <summary>The input is longer than 512 characters (API Pix <c>pixCopiaECola</c> maxLength).</summary>
    InputTooLong,

    /// <summary>A character outside printable ASCII (0x20–0x7E) was found.</summary>
    InvalidCharacter,

    /// <summary>The input ends inside a TLV header (ID or length).</summary>
    Truncated,

    /// <summary>A data object ID is not two decimal digits.</summary>
    InvalidTagId,

    /// <summary>A data object length is not two decimal digits.</summary>
    InvalidLength,

    /// <summary>A length points past the end of the input or of the enclosing template.</summary>
    LengthOverrun,

    /// <summary>A data object has length <c>00</c>.</summary>
    EmptyValue,

    /// <summary>The same ID appears twice at the same level.</summary>
    DuplicateTag,

    /// <summary>IDs are not in ascending order (an error for 00 not first; otherwise a warning).</summary>
    TagOutOfOrder,

    /// <summary>A mandatory data object is missing.</summary>
    MissingTag,

    /// <summary>A data object is not defined by the Pix profile; it is kept as-is.</summary>
    UnknownTag,

    /// <summary>A value does not have the required format.</summary>
    InvalidValue,

    /// <summary>A value is longer than the profile allows.</summary>
    ValueTooLong,

    /// <summary>Tag 63 is missing.</summary>
    CrcMissing,

    /// <summary>Data objects follow tag 63.</summary>
    CrcNotLast,

    /// <summary>Tag 63 is not exactly four hexadecimal digits.</summary>
    CrcInvalidFormat,

    /// <summary>Tag 63 uses lower-case hexadecimal digits.</summary>
    CrcLowerCase,

    /// <summary>Tag 63 does not match the CRC-16/CCITT-FALSE of the payload.</summary>
    CrcMismatch,

    /// <summary>26-00 is not <c>br.gov.bcb.pix</c> (in any letter case).</summary>
    InvalidGui,

    /// <summary>Both 26-01 (chave) and 26-25 (url) are present.</summary>
    KeyAndUrlPresent,

    /// <summary>Neither 26-01 (chave) nor 26-25 (url) is present.</summary>
    KeyAndUrlMissing,

    /// <summary>26-25 starts with a scheme such as <c>https://</c>.</summary>
    UrlHasScheme,

    /// <summary>26-02 (infoAdicional) appears together with 26-25 (url).</summary>
    AdditionalInfoWithUrl,

    /// <summary>Tag 54 is not a positive amount with exactly two decimals.</summary>
    InvalidAmount,

    /// <summary>62-05 is not <c>***</c> or 1–25 ASCII letters and digits; or not <c>***</c> on a dynamic code.</summary>
    InvalidTxId,
}
