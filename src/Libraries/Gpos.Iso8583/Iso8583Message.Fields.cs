using System.Diagnostics.CodeAnalysis;

namespace Gpos.Iso8583;

/// <summary>Typed accessors for the data elements of a POS authorization flow (iso8583.md §1). Null means absent; setting null removes.</summary>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Name then DE number, as Field.")]
public sealed partial class Iso8583Message
{
    /// <summary>DE2 primary account number. Never log it; <see cref="ToString"/> masks it.</summary>
    public string? Pan2
    {
        get => GetString(Field.Pan2);
        set => SetOrRemove(Field.Pan2, value);
    }

    /// <summary>DE3 processing code (6 digits, e.g. 003000).</summary>
    public string? ProcessingCode3
    {
        get => GetString(Field.ProcessingCode3);
        set => SetOrRemove(Field.ProcessingCode3, value);
    }

    /// <summary>DE4 transaction amount in minor units (centavos for BRL).</summary>
    public long? AmountTransaction4
    {
        get => TryGetInt64(Field.AmountTransaction4, out long value) ? value : null;
        set => SetOrRemove(Field.AmountTransaction4, value);
    }

    /// <summary>DE7 transmission date and time, MMDDhhmmss in UTC.</summary>
    public string? TransmissionDateTime7
    {
        get => GetString(Field.TransmissionDateTime7);
        set => SetOrRemove(Field.TransmissionDateTime7, value);
    }

    /// <summary>DE11 system trace audit number (0..999999).</summary>
    public int? Stan11
    {
        get => TryGetInt64(Field.Stan11, out long value) ? (int)value : null;
        set => SetOrRemove(Field.Stan11, value);
    }

    /// <summary>DE12 local transaction time, hhmmss.</summary>
    public string? LocalTime12
    {
        get => GetString(Field.LocalTime12);
        set => SetOrRemove(Field.LocalTime12, value);
    }

    /// <summary>DE13 local transaction date, MMDD.</summary>
    public string? LocalDate13
    {
        get => GetString(Field.LocalDate13);
        set => SetOrRemove(Field.LocalDate13, value);
    }

    /// <summary>DE14 expiration date, YYMM.</summary>
    public string? Expiry14
    {
        get => GetString(Field.Expiry14);
        set => SetOrRemove(Field.Expiry14, value);
    }

    /// <summary>DE18 merchant type (MCC).</summary>
    public string? MerchantType18
    {
        get => GetString(Field.MerchantType18);
        set => SetOrRemove(Field.MerchantType18, value);
    }

    /// <summary>DE22 point of service entry mode.</summary>
    public string? PosEntryMode22
    {
        get => GetString(Field.PosEntryMode22);
        set => SetOrRemove(Field.PosEntryMode22, value);
    }

    /// <summary>DE23 card sequence number.</summary>
    public string? CardSequenceNumber23
    {
        get => GetString(Field.CardSequenceNumber23);
        set => SetOrRemove(Field.CardSequenceNumber23, value);
    }

    /// <summary>DE25 point of service condition code.</summary>
    public string? PosConditionCode25
    {
        get => GetString(Field.PosConditionCode25);
        set => SetOrRemove(Field.PosConditionCode25, value);
    }

    /// <summary>DE32 acquiring institution identification code.</summary>
    public string? AcquirerId32
    {
        get => GetString(Field.AcquirerId32);
        set => SetOrRemove(Field.AcquirerId32, value);
    }

    /// <summary>DE33 forwarding institution identification code.</summary>
    public string? ForwardingId33
    {
        get => GetString(Field.ForwardingId33);
        set => SetOrRemove(Field.ForwardingId33, value);
    }

    /// <summary>DE35 track 2 data (sensitive authentication data; never store or log).</summary>
    public string? Track2_35
    {
        get => GetString(Field.Track2_35);
        set => SetOrRemove(Field.Track2_35, value);
    }

    /// <summary>DE37 retrieval reference number.</summary>
    public string? Rrn37
    {
        get => GetString(Field.Rrn37);
        set => SetOrRemove(Field.Rrn37, value);
    }

    /// <summary>DE38 authorization identification response (approval code).</summary>
    public string? AuthId38
    {
        get => GetString(Field.AuthId38);
        set => SetOrRemove(Field.AuthId38, value);
    }

    /// <summary>DE39 response code (00 approved).</summary>
    public string? ResponseCode39
    {
        get => GetString(Field.ResponseCode39);
        set => SetOrRemove(Field.ResponseCode39, value);
    }

    /// <summary>DE41 card acceptor terminal identification.</summary>
    public string? TerminalId41
    {
        get => GetString(Field.TerminalId41);
        set => SetOrRemove(Field.TerminalId41, value);
    }

    /// <summary>DE42 card acceptor identification code.</summary>
    public string? MerchantId42
    {
        get => GetString(Field.MerchantId42);
        set => SetOrRemove(Field.MerchantId42, value);
    }

    /// <summary>DE43 card acceptor name/location.</summary>
    public string? CardAcceptorNameLocation43
    {
        get => GetString(Field.CardAcceptorNameLocation43);
        set => SetOrRemove(Field.CardAcceptorNameLocation43, value);
    }

    /// <summary>DE45 track 1 data (sensitive authentication data; never store or log).</summary>
    public string? Track1_45
    {
        get => GetString(Field.Track1_45);
        set => SetOrRemove(Field.Track1_45, value);
    }

    /// <summary>DE48 additional data, private.</summary>
    public string? AdditionalDataPrivate48
    {
        get => GetString(Field.AdditionalDataPrivate48);
        set => SetOrRemove(Field.AdditionalDataPrivate48, value);
    }

    /// <summary>DE49 transaction currency code (ISO 4217 numeric, e.g. 986 for BRL).</summary>
    public string? Currency49
    {
        get => GetString(Field.Currency49);
        set => SetOrRemove(Field.Currency49, value);
    }

    /// <summary>DE53 security related control information.</summary>
    public string? SecurityControl53
    {
        get => GetString(Field.SecurityControl53);
        set => SetOrRemove(Field.SecurityControl53, value);
    }

    /// <summary>DE54 additional amounts.</summary>
    public string? AdditionalAmounts54
    {
        get => GetString(Field.AdditionalAmounts54);
        set => SetOrRemove(Field.AdditionalAmounts54, value);
    }

    /// <summary>DE60 reserved private.</summary>
    public string? Private60
    {
        get => GetString(Field.Private60);
        set => SetOrRemove(Field.Private60, value);
    }

    /// <summary>DE61 reserved private.</summary>
    public string? Private61
    {
        get => GetString(Field.Private61);
        set => SetOrRemove(Field.Private61, value);
    }

    /// <summary>DE62 reserved private.</summary>
    public string? Private62
    {
        get => GetString(Field.Private62);
        set => SetOrRemove(Field.Private62, value);
    }

    /// <summary>DE63 reserved private.</summary>
    public string? Private63
    {
        get => GetString(Field.Private63);
        set => SetOrRemove(Field.Private63, value);
    }

    /// <summary>DE70 network management information code (001 sign-on, 002 sign-off, 301 echo).</summary>
    public string? NetworkMgmtCode70
    {
        get => GetString(Field.NetworkMgmtCode70);
        set => SetOrRemove(Field.NetworkMgmtCode70, value);
    }

    /// <summary>DE90 original data elements as 42 digits; see <see cref="SetOriginalData90"/>.</summary>
    public string? OriginalData90
    {
        get => GetString(Field.OriginalData90);
        set => SetOrRemove(Field.OriginalData90, value);
    }

    /// <summary>DE95 replacement amounts.</summary>
    public string? ReplacementAmounts95
    {
        get => GetString(Field.ReplacementAmounts95);
        set => SetOrRemove(Field.ReplacementAmounts95, value);
    }

    /// <summary>Returns the DE52 PIN block (8 bytes, opaque; never decode, store or log), or null when absent.</summary>
    /// <returns>A new array or null.</returns>
    public byte[]? GetPinBlock52() => GetBytes(Field.PinBlock52);

    /// <summary>Sets the DE52 PIN block (8 bytes, opaque; never decode, store or log).</summary>
    /// <param name="value">The bytes.</param>
    public void SetPinBlock52(ReadOnlySpan<byte> value) => SetBytes(Field.PinBlock52, value);

    /// <summary>Returns the DE55 ICC data (BER-TLV bytes), or null when absent.</summary>
    /// <returns>A new array or null.</returns>
    public byte[]? GetIcc55() => GetBytes(Field.Icc55);

    /// <summary>Sets the DE55 ICC data (BER-TLV bytes).</summary>
    /// <param name="value">The bytes.</param>
    /// <exception cref="Iso8583Exception">The data is not well-formed BER-TLV, or too long.</exception>
    public void SetIcc55(ReadOnlySpan<byte> value)
    {
        if (!TlvReader.Validate(value, out var error))
        {
            ThrowHelper.Throw(error);
        }

        SetBytes(Field.Icc55, value);
    }

    /// <summary>Returns the DE64 MAC (8 bytes), or null when absent.</summary>
    /// <returns>A new array or null.</returns>
    public byte[]? GetMac64() => GetBytes(Field.Mac64);

    /// <summary>Sets the DE64 MAC (8 bytes).</summary>
    /// <param name="value">The bytes.</param>
    public void SetMac64(ReadOnlySpan<byte> value) => SetBytes(Field.Mac64, value);

    /// <summary>Returns the DE128 MAC (8 bytes), or null when absent.</summary>
    /// <returns>A new array or null.</returns>
    public byte[]? GetMac128() => GetBytes(Field.Mac128);

    /// <summary>Sets the DE128 MAC (8 bytes).</summary>
    /// <param name="value">The bytes.</param>
    public void SetMac128(ReadOnlySpan<byte> value) => SetBytes(Field.Mac128, value);

    /// <summary>Sets DE90 from its parts (ISO 8583:1987 DE 90, n42).</summary>
    /// <param name="original">The original data elements.</param>
    public void SetOriginalData90(OriginalDataElements original) => SetString(Field.OriginalData90, original.Format());

    /// <summary>Reads DE90 as its parts.</summary>
    /// <param name="original">The parts.</param>
    /// <returns>False when absent.</returns>
    public bool TryGetOriginalData90(out OriginalDataElements original)
    {
        original = default;
        return OriginalData90 is { } text && OriginalDataElements.TryParse(text, out original);
    }

    /// <summary>The request/response matching key (MTI group, DE41, DE11), as jPOS QMUX builds it.</summary>
    /// <param name="key">The key.</param>
    /// <returns>False when DE41 or DE11 is absent (jPOS refuses such requests: "Key fields not found").</returns>
    public bool TryGetMatchKey(out MatchKey key)
    {
        key = default;
        if (TerminalId41 is not { } terminal || Stan11 is not { } stan)
        {
            return false;
        }

        key = new MatchKey(Mti.MatchingGroup, terminal, stan);
        return true;
    }
}
