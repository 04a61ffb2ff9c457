namespace Gpos.Iso8583;

/// <summary>ISO 8583 data element content types.</summary>
public enum FieldType
{
    /// <summary><c>n</c>: decimal digits; fixed-length values are zero-padded on the left.</summary>
    Numeric = 0,

    /// <summary><c>an</c>: alphanumeric text; fixed-length values are space-padded on the right.</summary>
    AlphaNumeric = 1,

    /// <summary><c>ans</c>: alphanumeric and special characters; fixed-length values are space-padded on the right.</summary>
    AlphaNumericSpecial = 2,

    /// <summary><c>z</c>: track 2/3 code set (digits and the field separator <c>=</c> or <c>D</c>).</summary>
    Track = 3,

    /// <summary><c>b</c>: binary data (bytes).</summary>
    Binary = 4,

    /// <summary><c>x+n</c>: a sign character (<c>C</c> credit, <c>D</c> debit) then zero-padded digits (jPOS IFA_AMOUNT).</summary>
    SignedAmount = 5,
}
