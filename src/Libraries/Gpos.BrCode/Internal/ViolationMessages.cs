namespace Gpos.BrCode.Internal;

/// <summary>Constant messages, so reporting a violation never formats or allocates.</summary>
internal static class ViolationMessages
{
    public static string For(BrCodeViolationReason reason) => reason switch
    {
        BrCodeViolationReason.EmptyInput => "The BR Code is empty.",
        BrCodeViolationReason.InputTooLong => "The BR Code is longer than 512 characters.",
        BrCodeViolationReason.InvalidCharacter => "Only printable ASCII characters (0x20-0x7E) are allowed.",
        BrCodeViolationReason.Truncated => "The input ends inside a TLV header.",
        BrCodeViolationReason.InvalidTagId => "The data object ID is not two decimal digits.",
        BrCodeViolationReason.InvalidLength => "The data object length is not two decimal digits.",
        BrCodeViolationReason.LengthOverrun => "The length runs past the end of the input or of the enclosing template.",
        BrCodeViolationReason.EmptyValue => "The data object has length 00.",
        BrCodeViolationReason.DuplicateTag => "The data object ID appears more than once.",
        BrCodeViolationReason.TagOutOfOrder => "Data objects are not in ascending ID order (00 must be first).",
        BrCodeViolationReason.MissingTag => "A mandatory data object is missing.",
        BrCodeViolationReason.UnknownTag => "The data object is not defined by the Pix profile; it is kept as-is.",
        BrCodeViolationReason.InvalidValue => "The value does not have the required format.",
        BrCodeViolationReason.ValueTooLong => "The value is longer than the Pix profile allows.",
        BrCodeViolationReason.CrcMissing => "The CRC (6304) is missing at the end.",
        BrCodeViolationReason.CrcNotLast => "Data objects follow the CRC; 63 must be last.",
        BrCodeViolationReason.CrcInvalidFormat => "The CRC must be exactly four hexadecimal digits.",
        BrCodeViolationReason.CrcLowerCase => "The CRC must use upper-case hexadecimal digits.",
        BrCodeViolationReason.CrcMismatch => "The CRC does not match CRC-16/CCITT-FALSE of the payload up to and including 6304.",
        BrCodeViolationReason.InvalidGui => "26-00 must be br.gov.bcb.pix.",
        BrCodeViolationReason.KeyAndUrlPresent => "A BR Code has either a key (26-01, static) or a url (26-25, dynamic), not both.",
        BrCodeViolationReason.KeyAndUrlMissing => "A BR Code needs a key (26-01, static) or a url (26-25, dynamic).",
        BrCodeViolationReason.UrlHasScheme => "26-25 must not include a scheme such as https://.",
        BrCodeViolationReason.AdditionalInfoWithUrl => "26-02 (infoAdicional) is not allowed together with 26-25 (url).",
        BrCodeViolationReason.InvalidAmount => "54 must be a positive amount with exactly two decimals, e.g. 10.00.",
        BrCodeViolationReason.InvalidTxId => "62-05 must be *** or 1-25 letters and digits; dynamic codes must use ***.",
        _ => "Unknown violation.",
    };
}
