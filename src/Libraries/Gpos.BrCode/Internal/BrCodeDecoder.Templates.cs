namespace Gpos.BrCode.Internal;

/// <summary>Nested templates (26, 62, others) and the whole-code checks that need every field.</summary>
internal static partial class BrCodeDecoder
{
    private static void WalkAccount(ReadOnlySpan<char> s, Segment account, int header, ref ViolationSink sink, ref BrCodeLayout layout)
    {
        var reader = new TlvReader(account.Slice(s), account.Start);
        UInt128 seen = 0;
        var previous = -1;
        while (true)
        {
            var subHeader = reader.Offset;
            var status = reader.Read(out var tag, out var start, out var length);
            if (status == TlvStatus.End)
            {
                break;
            }

            var id = new BrCodeTag(Tags.PixAccount, tag);
            if (status != TlvStatus.Ok)
            {
                ReportFraming(status, id, subHeader, ref sink);
                return;
            }

            if (!Admit(ref seen, ref previous, tag, length, id, subHeader, ref sink))
            {
                continue;
            }

            var value = new Segment(start, length);
            var v = value.Slice(s);
            switch (tag)
            {
                case Tags.AccountGui:
                    layout.Gui = value;
                    if (!v.Equals(Tags.PixGui, StringComparison.OrdinalIgnoreCase))
                    {
                        sink.Error(BrCodeViolationReason.InvalidGui, id, subHeader);
                    }

                    break;
                case Tags.AccountKey:
                    layout.Key = value;
                    MaxLength(v, Tags.MaxKeyLength, id, subHeader, ref sink);
                    break;
                case Tags.AccountInfo:
                    layout.AdditionalInfo = value;
                    MaxLength(v, Tags.MaxInfoLength, id, subHeader, ref sink);
                    break;
                case Tags.AccountFss:
                    layout.Fss = value;
                    Require(v.Length == Tags.FssLength, id, subHeader, ref sink);
                    break;
                case Tags.AccountUrl:
                    layout.Url = value;
                    MaxLength(v, Tags.MaxUrlLength, id, subHeader, ref sink);
                    if (v.Contains("://", StringComparison.Ordinal))
                    {
                        // The payer's app adds https:// itself (API Pix PayloadLocation; pix-api.md §5.5 #7).
                        sink.Error(BrCodeViolationReason.UrlHasScheme, id, subHeader);
                    }

                    break;
                default:
                    sink.Warning(BrCodeViolationReason.UnknownTag, id, subHeader);
                    break;
            }
        }

        CheckAccountCombination(header, ref sink, ref layout);
    }

    private static void CheckAccountCombination(int header, ref ViolationSink sink, ref BrCodeLayout layout)
    {
        if (!layout.Gui.IsPresent)
        {
            sink.Error(BrCodeViolationReason.MissingTag, new BrCodeTag(Tags.PixAccount, Tags.AccountGui), header);
        }

        var account = new BrCodeTag(Tags.PixAccount);
        if (layout.Key.IsPresent && layout.Url.IsPresent)
        {
            sink.Error(BrCodeViolationReason.KeyAndUrlPresent, account, header);
        }
        else if (!layout.Key.IsPresent && !layout.Url.IsPresent)
        {
            sink.Error(BrCodeViolationReason.KeyAndUrlMissing, account, header);
        }

        if (layout.Url.IsPresent && layout.AdditionalInfo.IsPresent)
        {
            sink.Error(BrCodeViolationReason.AdditionalInfoWithUrl, new BrCodeTag(Tags.PixAccount, Tags.AccountInfo), layout.AdditionalInfo.Start - 4);
        }

        layout.Kind = layout.Url.IsPresent && !layout.Key.IsPresent ? BrCodeKind.Dynamic : BrCodeKind.Static;
    }

    private static void WalkAdditionalData(ReadOnlySpan<char> s, Segment data, ref ViolationSink sink, ref BrCodeLayout layout)
    {
        var reader = new TlvReader(data.Slice(s), data.Start);
        UInt128 seen = 0;
        var previous = -1;
        while (true)
        {
            var subHeader = reader.Offset;
            var status = reader.Read(out var tag, out var start, out var length);
            if (status == TlvStatus.End)
            {
                return;
            }

            var id = new BrCodeTag(Tags.AdditionalData, tag);
            if (status != TlvStatus.Ok)
            {
                ReportFraming(status, id, subHeader, ref sink);
                return;
            }

            if (Admit(ref seen, ref previous, tag, length, id, subHeader, ref sink) && tag == Tags.AdditionalReferenceLabel)
            {
                layout.ReferenceLabel = new Segment(start, length);
            }
        }
    }

    /// <summary>Templates this profile does not interpret (27–51, 64, 80–99): the nesting must still frame.</summary>
    private static void WalkOpaqueTemplate(ReadOnlySpan<char> s, int parent, Segment template, ref ViolationSink sink)
    {
        var reader = new TlvReader(template.Slice(s), template.Start);
        while (true)
        {
            var subHeader = reader.Offset;
            var status = reader.Read(out var tag, out _, out _);
            if (status == TlvStatus.End)
            {
                return;
            }

            if (status != TlvStatus.Ok)
            {
                ReportFraming(status, new BrCodeTag(parent, tag), subHeader, ref sink);
                return;
            }
        }
    }

    /// <summary>Duplicate, order and empty-value checks shared by nested templates. False means skip the value.</summary>
    private static bool Admit(ref UInt128 seen, ref int previous, int tag, int length, BrCodeTag id, int header, ref ViolationSink sink)
    {
        if ((seen & (UInt128.One << tag)) != 0)
        {
            sink.Error(BrCodeViolationReason.DuplicateTag, id, header);
            return false;
        }

        seen |= UInt128.One << tag;
        if (tag < previous)
        {
            sink.Warning(BrCodeViolationReason.TagOutOfOrder, id, header);
        }

        previous = Math.Max(previous, tag);
        if (length == 0)
        {
            sink.Error(BrCodeViolationReason.EmptyValue, id, header);
            return false;
        }

        return true;
    }

    private static void CheckMandatory(ReadOnlySpan<char> s, bool lenient, ref ViolationSink sink, ref BrCodeLayout layout)
    {
        // A missing top-level object is reported where the payload ended without it: at 6304, else at the end.
        var missingAt = layout.CrcHeaderOffset >= 0 ? layout.CrcHeaderOffset : s.Length;
        Mandatory(layout.PayloadFormat, Tags.PayloadFormatIndicator, missingAt, ref sink);
        Mandatory(layout.Account, Tags.PixAccount, missingAt, ref sink);
        Mandatory(layout.MerchantCategoryCode, Tags.MerchantCategoryCode, missingAt, ref sink);
        Mandatory(layout.Currency, Tags.TransactionCurrency, missingAt, ref sink);
        Mandatory(layout.Country, Tags.CountryCode, missingAt, ref sink);
        Mandatory(layout.MerchantName, Tags.MerchantName, missingAt, ref sink);
        Mandatory(layout.MerchantCity, Tags.MerchantCity, missingAt, ref sink);
        if (!layout.AdditionalData.IsPresent)
        {
            sink.Deviation(lenient, BrCodeViolationReason.MissingTag, new BrCodeTag(Tags.AdditionalData), missingAt);
            return;
        }

        if (!layout.ReferenceLabel.IsPresent)
        {
            var tag = new BrCodeTag(Tags.AdditionalData, Tags.AdditionalReferenceLabel);
            sink.Deviation(lenient, BrCodeViolationReason.MissingTag, tag, layout.AdditionalData.Start - 4);
            return;
        }

        CheckTxId(layout.ReferenceLabel.Slice(s), layout.ReferenceLabel.Start - 4, lenient, ref sink, ref layout);
    }

    private static void CheckTxId(ReadOnlySpan<char> txid, int header, bool lenient, ref ViolationSink sink, ref BrCodeLayout layout)
    {
        if (txid is Tags.NoTxId)
        {
            return;
        }

        var tag = new BrCodeTag(Tags.AdditionalData, Tags.AdditionalReferenceLabel);
        if (txid.Length > Tags.MaxTxIdLength || txid.ContainsAnyExcept(CharSets.Alphanumeric))
        {
            // Static txid: ^[a-zA-Z0-9]{1,25}$, no spaces or '-' (bacen/pix-api#212, #77).
            sink.Error(BrCodeViolationReason.InvalidTxId, tag, header);
        }
        else if (layout.Kind == BrCodeKind.Dynamic && layout.Account.IsPresent)
        {
            // Dynamic codes carry *** and the txid comes from the JWS payload (bacen/pix-api#190).
            sink.Deviation(lenient, BrCodeViolationReason.InvalidTxId, tag, header);
        }
    }

    private static void Mandatory(Segment segment, int tag, int missingAt, ref ViolationSink sink)
    {
        if (!segment.IsPresent)
        {
            sink.Error(BrCodeViolationReason.MissingTag, new BrCodeTag(tag), missingAt);
        }
    }

    private static void CheckCrc(ReadOnlySpan<char> s, bool lenient, ref ViolationSink sink, ref BrCodeLayout layout)
    {
        var tag = new BrCodeTag(Tags.Crc);
        var header = layout.CrcHeaderOffset;
        if (header < 0)
        {
            sink.Error(BrCodeViolationReason.CrcMissing, tag, s.Length);
            return;
        }

        var text = layout.Crc.Slice(s);
        if (text.Length != 4)
        {
            sink.Error(BrCodeViolationReason.CrcInvalidFormat, tag, header);
            return;
        }

        var value = 0;
        var lower = false;
        foreach (var c in text)
        {
            int digit;
            if (char.IsAsciiDigit(c))
            {
                digit = c - '0';
            }
            else if (c is >= 'A' and <= 'F')
            {
                digit = c - 'A' + 10;
            }
            else if (c is >= 'a' and <= 'f')
            {
                digit = c - 'a' + 10;
                lower = true;
            }
            else
            {
                sink.Error(BrCodeViolationReason.CrcInvalidFormat, tag, header);
                return;
            }

            value = (value << 4) | digit;
        }

        if (lower)
        {
            sink.Deviation(lenient, BrCodeViolationReason.CrcLowerCase, tag, header);
        }

        layout.CrcValue = (ushort)value;
        if (Crc16.Compute(s[..(header + 4)]) != value)
        {
            sink.Error(BrCodeViolationReason.CrcMismatch, tag, header);
        }
    }
}
