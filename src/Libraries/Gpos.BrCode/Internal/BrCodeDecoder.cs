namespace Gpos.BrCode.Internal;

/// <summary>
/// Decodes and validates a BR Code in one pass over a span. Reports every violation it can find to a
/// <see cref="ViolationSink"/>; framing errors stop the walk of the level where they occur.
/// </summary>
internal static partial class BrCodeDecoder
{
    public static void Decode(ReadOnlySpan<char> s, bool lenient, ref ViolationSink sink, out BrCodeLayout layout)
    {
        layout = default;
        layout.CrcHeaderOffset = -1;
        if (s.IsEmpty)
        {
            sink.Error(BrCodeViolationReason.EmptyInput, BrCodeTag.None, 0);
            return;
        }

        if (s.Length > Tags.MaxPayloadLength)
        {
            // Checked before anything else so a 10 kB paste costs nothing (pix-api.md §5.4).
            sink.Error(BrCodeViolationReason.InputTooLong, BrCodeTag.None, Tags.MaxPayloadLength);
            return;
        }

        var bad = s.IndexOfAnyExcept(CharSets.Printable);
        if (bad >= 0)
        {
            sink.Error(BrCodeViolationReason.InvalidCharacter, BrCodeTag.None, bad);
            return;
        }

        WalkTopLevel(s, lenient, ref sink, ref layout);
        if (!layout.Framed)
        {
            return;
        }

        CheckMandatory(s, lenient, ref sink, ref layout);
        CheckCrc(s, lenient, ref sink, ref layout);
    }

    private static void WalkTopLevel(ReadOnlySpan<char> s, bool lenient, ref ViolationSink sink, ref BrCodeLayout layout)
    {
        var reader = new TlvReader(s, 0);
        UInt128 seen = 0;
        var previous = -1;
        while (true)
        {
            var header = reader.Offset;
            var status = reader.Read(out var tag, out var start, out var length);
            if (status == TlvStatus.End)
            {
                break;
            }

            if (status != TlvStatus.Ok)
            {
                ReportFraming(status, new BrCodeTag(tag), header, ref sink);
                return;
            }

            var id = new BrCodeTag(tag);
            if (layout.CrcHeaderOffset >= 0)
            {
                sink.Error(BrCodeViolationReason.CrcNotLast, id, header);
            }

            if (tag < previous && tag != Tags.PayloadFormatIndicator)
            {
                // EMV QRCPS-MPM only fixes 00 first and 63 last; the CRC covers the exact text, so other
                // orders are unambiguous. Generators must emit ascending order; readers tolerate it (README).
                sink.Warning(BrCodeViolationReason.TagOutOfOrder, id, header);
            }

            previous = Math.Max(previous, tag);
            if ((seen & (UInt128.One << tag)) != 0)
            {
                sink.Error(BrCodeViolationReason.DuplicateTag, id, header);
                continue;
            }

            seen |= UInt128.One << tag;
            if (length == 0)
            {
                sink.Error(BrCodeViolationReason.EmptyValue, id, header);
                continue;
            }

            if (tag == Tags.PayloadFormatIndicator && header != 0)
            {
                sink.Error(BrCodeViolationReason.TagOutOfOrder, id, header);
            }

            DispatchTopLevel(s, lenient, tag, header, new Segment(start, length), ref sink, ref layout);
        }

        layout.Framed = true;
    }

    private static void ReportFraming(TlvStatus status, BrCodeTag tag, int header, ref ViolationSink sink)
    {
        switch (status)
        {
            case TlvStatus.Truncated:
                sink.Error(BrCodeViolationReason.Truncated, tag, header);
                break;
            case TlvStatus.InvalidTagId:
                sink.Error(BrCodeViolationReason.InvalidTagId, tag, header);
                break;
            case TlvStatus.InvalidLength:
                sink.Error(BrCodeViolationReason.InvalidLength, tag, header + 2);
                break;
            default:
                sink.Error(BrCodeViolationReason.LengthOverrun, tag, header + 2);
                break;
        }
    }

    private static void DispatchTopLevel(
        ReadOnlySpan<char> s, bool lenient, int tag, int header, Segment value, ref ViolationSink sink, ref BrCodeLayout layout)
    {
        var v = value.Slice(s);
        var id = new BrCodeTag(tag);
        switch (tag)
        {
            case Tags.PayloadFormatIndicator:
                layout.PayloadFormat = value;
                Require(v is "01", id, header, ref sink);
                break;
            case Tags.PointOfInitiationMethod:
                layout.PointOfInitiation = value;
                Require(v is "11" or "12", id, header, ref sink);
                break;
            case Tags.PixAccount:
                layout.Account = value;
                WalkAccount(s, value, header, ref sink, ref layout);
                break;
            case Tags.MerchantCategoryCode:
                layout.MerchantCategoryCode = value;
                Require(v.Length == 4 && !v.ContainsAnyExcept(CharSets.Digits), id, header, ref sink);
                break;
            case Tags.TransactionCurrency:
                layout.Currency = value;
                Require(v is "986", id, header, ref sink);
                break;
            case Tags.TransactionAmount:
                layout.Amount = value;
                CheckAmount(v, lenient, header, ref sink, ref layout);
                break;
            case Tags.CountryCode:
                layout.Country = value;
                Require(v is "BR", id, header, ref sink);
                break;
            case Tags.MerchantName:
                layout.MerchantName = value;
                MaxLength(v, Tags.MaxNameLength, id, header, ref sink);
                break;
            case Tags.MerchantCity:
                layout.MerchantCity = value;
                MaxLength(v, Tags.MaxCityLength, id, header, ref sink);
                break;
            case Tags.PostalCode:
                layout.PostalCode = value;
                MaxLength(v, Tags.MaxPostalCodeLength, id, header, ref sink);
                break;
            case Tags.AdditionalData:
                layout.AdditionalData = value;
                WalkAdditionalData(s, value, ref sink, ref layout);
                break;
            case Tags.Crc:
                layout.Crc = value;
                layout.CrcHeaderOffset = header;
                break;
            default:
                layout.OtherTopLevelCount++;
                if (Tags.IsTemplate(tag))
                {
                    WalkOpaqueTemplate(s, tag, value, ref sink);
                }

                break;
        }
    }

    private static void Require(bool condition, BrCodeTag tag, int header, ref ViolationSink sink)
    {
        if (!condition)
        {
            sink.Error(BrCodeViolationReason.InvalidValue, tag, header);
        }
    }

    private static void MaxLength(ReadOnlySpan<char> value, int max, BrCodeTag tag, int header, ref ViolationSink sink)
    {
        if (value.Length > max)
        {
            sink.Error(BrCodeViolationReason.ValueTooLong, tag, header);
        }
    }

    private static void CheckAmount(ReadOnlySpan<char> v, bool lenient, int header, ref ViolationSink sink, ref BrCodeLayout layout)
    {
        var tag = new BrCodeTag(Tags.TransactionAmount);
        switch (AmountText.Parse(v, out var centavos))
        {
            case AmountText.Status.Ok:
                layout.AmountCentavos = centavos;
                break;
            case AmountText.Status.NotTwoDecimals:
                // The EMV standard allows it, many PSPs reject it (bacen/pix-api#318): lenient only.
                layout.AmountCentavos = centavos;
                sink.Deviation(lenient, BrCodeViolationReason.InvalidAmount, tag, header);
                break;
            default:
                sink.Error(BrCodeViolationReason.InvalidAmount, tag, header);
                break;
        }
    }
}
