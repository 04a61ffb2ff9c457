using System.Buffers;
using static Gpos.Iso8583.Tests.TestMessages;

namespace Gpos.Iso8583.Tests;

/// <summary>Every bad-input class of issue 4: a typed error with field number and byte offset, never another exception.</summary>
public sealed class BadInputTests
{
    // MTI 0..3, bitmap 4..19, DE2 prefix 20..21 + value 22..37, DE3 38..43, DE4 44..55 (iso8583.md §5).
    private const string Moov0100 = "01007000000000000000164242424242424242123456000000000100";

    public static TheoryData<string, Iso8583ErrorKind, int, int> Cases => new()
    {
        // Truncated frames.
        { Moov0100[..^1], Iso8583ErrorKind.Truncated, 4, 44 },
        { "01", Iso8583ErrorKind.Truncated, 0, 0 },
        { "0100700000", Iso8583ErrorKind.Truncated, 1, 4 },
        { "0100F000000000000000", Iso8583ErrorKind.Truncated, 1, 20 },
        { "010070000000000000001", Iso8583ErrorKind.Truncated, 2, 20 },

        // Length prefixes that are not digits, exceed the maximum or overrun the frame.
        { "010070000000000000001A4242424242424242123456000000000100", Iso8583ErrorKind.InvalidLengthPrefix, 2, 21 },
        { "0100400000000000000020" + new string('4', 20), Iso8583ErrorKind.LengthExceedsMaximum, 2, 20 },
        { "010040000000000000001942424242", Iso8583ErrorKind.Truncated, 2, 22 },

        // A bitmap announcing fields the frame does not hold (DE3, DE4 missing).
        { "0100700000000000000016" + "4242424242424242", Iso8583ErrorKind.Truncated, 3, 38 },

        // Trailing bytes after the last announced field.
        { Moov0100 + "XX", Iso8583ErrorKind.TrailingBytes, 4, 56 },

        // Non-hex bitmaps.
        { "0100700000000000000G164242424242424242123456000000000100", Iso8583ErrorKind.InvalidBitmap, 1, 19 },

        // Non-numeric data in n fields (DE3 at 38; DE2 at 22).
        { "010070000000000000001642424242424242421234X6000000000100", Iso8583ErrorKind.InvalidNumeric, 3, 42 },
        { "01007000000000000000164242424242424A42123456000000000100", Iso8583ErrorKind.InvalidNumeric, 2, 35 },

        // Invalid MTI.
        { "01A07000000000000000164242424242424242123456000000000100", Iso8583ErrorKind.InvalidMti, 0, 2 },

        // Non-hex data in a b field (DE52 as 16 hex characters).
        { "0100" + "0000000000001000" + "00112233445566ZZ", Iso8583ErrorKind.InvalidHex, 52, 34 },

        // An odd hex character count under DE55's LLL.
        { "0100" + "0000000000000200" + "0039F0", Iso8583ErrorKind.InvalidLengthPrefix, 55, 20 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TryUnpack_BadInput_ReturnsTypedError(string image, Iso8583ErrorKind kind, int field, int offset)
    {
        bool ok = Iso8583Message.TryUnpack(Ascii(image), IsoMessageSpec.Iso87Ascii, out var message, out var error);

        Assert.False(ok);
        Assert.Null(message);
        Assert.Equal(new Iso8583Error(kind, field, offset), error);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unpack_BadInput_ThrowsIso8583ExceptionWithFieldAndOffset(string image, Iso8583ErrorKind kind, int field, int offset)
    {
        var exception = Assert.Throws<Iso8583Exception>(() => Iso8583Message.Unpack(Ascii(image)));

        Assert.Equal(kind, exception.Kind);
        Assert.Equal(field, exception.FieldNumber);
        Assert.Equal(offset, exception.Offset);
        Assert.DoesNotContain("4242", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryUnpack_FieldUndefinedBySpec_ReturnsUndefinedField()
    {
        var spec = IsoMessageSpec.Iso87Ascii.WithoutField(Field.ProcessingCode3);

        Assert.False(Iso8583Message.TryUnpack(Ascii(Moov0100), spec, out _, out var error));
        Assert.Equal(new Iso8583Error(Iso8583ErrorKind.UndefinedField, 3, 38), error);
    }

    [Fact]
    public void TryUnpack_MessageLargerThan64KiB_ReturnsFrameTooLarge()
    {
        Assert.False(Iso8583Message.TryUnpack(new byte[70_000], null, out _, out var error));
        Assert.Equal(Iso8583ErrorKind.FrameTooLarge, error.Kind);
    }

    [Fact]
    public void TryReadFrame_OversizedFrame_ReturnsInvalidDataAndLeavesBuffer()
    {
        var reader = new FrameReader(maxFrameSize: 100);
        var buffer = new ReadOnlySequence<byte>([0x00, 0x65, .. new byte[101]]);

        var status = reader.TryReadFrame(ref buffer, out _, out var error);

        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Equal(Iso8583ErrorKind.FrameTooLarge, error.Kind);
        Assert.Equal(103, buffer.Length);
    }

    [Fact]
    public void TryReadFrame_TruncatedFrame_NeedsMoreData()
    {
        var buffer = new ReadOnlySequence<byte>([0x00, 0x38, .. Ascii(Moov0100)[..30]]);

        Assert.Equal(OperationStatus.NeedMoreData, FrameReader.Default.TryReadFrame(ref buffer, out _));
        Assert.Equal(32, buffer.Length);
    }

    [Fact]
    public void SetString_ValueLongerThanField_ThrowsValueTooLong()
    {
        var message = new Iso8583Message(Mti.FinancialRequest);

        var exception = Assert.Throws<Iso8583Exception>(() => message.TerminalId41 = "TERMINAL9");

        Assert.Equal(Iso8583ErrorKind.ValueTooLong, exception.Kind);
        Assert.Equal(41, exception.FieldNumber);
        Assert.False(message.Has(Field.TerminalId41));
    }

    [Fact]
    public void SetString_NonDigitInNumericField_ThrowsInvalidNumeric()
    {
        var message = new Iso8583Message(Mti.FinancialRequest);

        var exception = Assert.Throws<Iso8583Exception>(() => message.ProcessingCode3 = "00300A");

        Assert.Equal(new Iso8583Error(Iso8583ErrorKind.InvalidNumeric, 3, 5), exception.Error);
    }

    [Fact]
    public void SetIcc55_MalformedTlv_ThrowsInvalidTlv()
    {
        var message = new Iso8583Message(Mti.FinancialRequest);

        var exception = Assert.Throws<Iso8583Exception>(() => message.SetIcc55([0x9F, 0x02, 0x06, 0x00]));

        Assert.Equal(Iso8583ErrorKind.InvalidTlv, exception.Kind);
        Assert.Equal(55, exception.FieldNumber);
    }

    [Fact]
    public void SetPinBlock52_WrongLength_ThrowsInvalidValueLength()
    {
        var message = new Iso8583Message(Mti.FinancialRequest);

        var exception = Assert.Throws<Iso8583Exception>(() => message.SetPinBlock52([1, 2, 3]));

        Assert.Equal(Iso8583ErrorKind.InvalidValueLength, exception.Kind);
    }
}
