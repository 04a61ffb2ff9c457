using System.Buffers;
using System.Text;
using Gpos.BrCode.Internal;

namespace Gpos.BrCode;

/// <summary>Encoding: ascending ID order, 2-digit lengths, 63 last with CRC-16/CCITT-FALSE upper-case.</summary>
public sealed partial class BrCode
{
    /// <summary>The exact number of characters (= bytes) <see cref="TryEncode"/> writes.</summary>
    public int GetEncodedLength() => EncodedLength(AccountLength(), AdditionalDataLength());

    private int EncodedLength(int accountLength, int additionalLength)
    {
        var length = 4 + PayloadFormatIndicator.Length
            + (PointOfInitiation is null ? 0 : 6)
            + 4 + accountLength
            + 4 + MerchantCategoryCode.Length
            + 4 + CurrencyCode.Length
            + (Amount is { } amount ? 4 + AmountText.FormattedLength(amount) : 0)
            + 4 + CountryCode.Length
            + 4 + MerchantName.Length
            + 4 + MerchantCity.Length
            + (PostalCode is null ? 0 : 4 + PostalCode.Length)
            + 4 + additionalLength
            + FieldsLength(_other)
            + FieldsLength(_unreserved)
            + 8;
        return length;
    }

    /// <summary>Encodes into <paramref name="destination"/>; false when it is shorter than <see cref="GetEncodedLength"/>.</summary>
    public bool TryEncode(Span<char> destination, out int charsWritten)
    {
        var accountLength = AccountLength();
        var additionalLength = AdditionalDataLength();
        var length = EncodedLength(accountLength, additionalLength);
        if (destination.Length < length)
        {
            charsWritten = 0;
            return false;
        }

        charsWritten = Write(destination[..length], accountLength, additionalLength);
        return true;
    }

    /// <summary>Encodes as ASCII (which is also UTF-8) into <paramref name="writer"/>; returns the bytes written.</summary>
    public int Encode(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var length = GetEncodedLength();
        char[]? rented = null;
        var chars = length <= 1024 ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length)).AsSpan(0, length);
        Write(chars, AccountLength(), AdditionalDataLength());
        var written = Encoding.ASCII.GetBytes(chars, writer.GetSpan(length));
        writer.Advance(written);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return written;
    }

    /// <summary>Encodes to a new string (the pixCopiaECola text).</summary>
    public string Encode() => string.Create(GetEncodedLength(), this, static (span, code) => code.Write(span, code.AccountLength(), code.AdditionalDataLength()));

    /// <summary>Returns <see cref="Encode()"/>.</summary>
    public override string ToString() => Encode();

    private int Write(Span<char> destination, int accountLength, int additionalLength)
    {
        var w = new BrCodeWriter(destination);
        var other = 0;
        w.Field(Tags.PayloadFormatIndicator, PayloadFormatIndicator);
        if (PointOfInitiation is { } poi)
        {
            w.Field(Tags.PointOfInitiationMethod, poi == PointOfInitiationMethod.SingleUse ? "12" : "11");
        }

        w.FieldsBelow(_other, ref other, Tags.PixAccount);
        w.Header(Tags.PixAccount, accountLength);
        WriteAccount(ref w);
        w.FieldsBelow(_other, ref other, Tags.MerchantCategoryCode);
        w.Field(Tags.MerchantCategoryCode, MerchantCategoryCode);
        w.Field(Tags.TransactionCurrency, CurrencyCode);
        if (Amount is { } amount)
        {
            w.Amount(amount);
        }

        w.FieldsBelow(_other, ref other, Tags.CountryCode);
        w.Field(Tags.CountryCode, CountryCode);
        w.Field(Tags.MerchantName, MerchantName);
        w.Field(Tags.MerchantCity, MerchantCity);
        w.OptionalField(Tags.PostalCode, PostalCode);
        w.FieldsBelow(_other, ref other, Tags.AdditionalData);
        w.Header(Tags.AdditionalData, additionalLength);
        var extra = 0;
        w.FieldsBelow(_additionalExtra, ref extra, Tags.AdditionalReferenceLabel);
        w.Field(Tags.AdditionalReferenceLabel, ReferenceLabel ?? Tags.NoTxId);
        w.FieldsBelow(_additionalExtra, ref extra, 100);
        w.FieldsBelow(_other, ref other, 100);
        var unreserved = 0;
        w.FieldsBelow(_unreserved, ref unreserved, 100);
        w.Crc();
        return w.Position;
    }

    private void WriteAccount(ref BrCodeWriter w)
    {
        var extra = 0;
        var extras = _accountExtra;
        w.FieldsBelow(extras, ref extra, Tags.AccountGui);
        w.Field(Tags.AccountGui, Gui);
        w.FieldsBelow(extras, ref extra, Tags.AccountKey);
        w.OptionalField(Tags.AccountKey, Key);
        w.FieldsBelow(extras, ref extra, Tags.AccountInfo);
        w.OptionalField(Tags.AccountInfo, AdditionalInfo);
        w.FieldsBelow(extras, ref extra, Tags.AccountFss);
        w.OptionalField(Tags.AccountFss, Fss);
        w.FieldsBelow(extras, ref extra, Tags.AccountUrl);
        w.OptionalField(Tags.AccountUrl, Url);
        w.FieldsBelow(extras, ref extra, 100);
    }

    private int AccountLength() => 4 + Gui.Length
        + OptionalLength(Key) + OptionalLength(AdditionalInfo) + OptionalLength(Fss) + OptionalLength(Url)
        + FieldsLength(_accountExtra);

    private int AdditionalDataLength() => 4 + (ReferenceLabel ?? Tags.NoTxId).Length + FieldsLength(_additionalExtra);

    private static int OptionalLength(string? value) => value is null ? 0 : 4 + value.Length;

    private static int FieldsLength(BrCodeField[] fields)
    {
        var length = 0;
        foreach (var field in fields)
        {
            length += 4 + field.Value.Length;
        }

        return length;
    }
}
