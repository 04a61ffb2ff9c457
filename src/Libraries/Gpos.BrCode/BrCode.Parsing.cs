using System.Text;
using Gpos.BrCode.Internal;

namespace Gpos.BrCode;

/// <summary>Decoding and validation entry points.</summary>
public sealed partial class BrCode
{
    /// <summary>
    /// Decodes and validates <paramref name="input"/>, collecting every error and warning.
    /// Never throws for bad input.
    /// </summary>
    /// <param name="input">The BR Code text (pixCopiaECola).</param>
    /// <param name="options">Strict by default; see <see cref="BrCodeParseOptions.Lenient"/>.</param>
    public static BrCodeParseResult TryParse(ReadOnlySpan<char> input, BrCodeParseOptions options = default)
    {
        var sink = new ViolationSink(collect: true);
        BrCodeDecoder.Decode(input, options.Lenient, ref sink, out var layout);
        var code = sink.ErrorCount == 0 ? FromLayout(input, layout) : null;
        return new BrCodeParseResult(code, sink.Violations);
    }

    /// <summary>Decodes and validates UTF-8 bytes (a BR Code must be ASCII). Never throws for bad input.</summary>
    /// <param name="utf8">The BR Code as bytes, e.g. straight from a scanner or an HTTP body.</param>
    /// <param name="options">Strict by default.</param>
    public static BrCodeParseResult TryParse(ReadOnlySpan<byte> utf8, BrCodeParseOptions options = default)
    {
        Span<char> buffer = stackalloc char[Math.Min(utf8.Length, Tags.MaxPayloadLength)];
        if (!TryWiden(utf8, buffer, out var chars, out var early))
        {
            var sink = new ViolationSink(collect: true);
            sink.Error(early.Reason, early.Tag, early.Offset);
            return new BrCodeParseResult(null, sink.Violations);
        }

        return TryParse(chars, options);
    }

    /// <summary>Decodes and validates <paramref name="input"/>.</summary>
    /// <exception cref="BrCodeFormatException">The code has at least one error; names tag and offset.</exception>
    public static BrCode Parse(ReadOnlySpan<char> input, BrCodeParseOptions options = default)
    {
        var result = TryParse(input, options);
        return result.Code ?? throw new BrCodeFormatException(result.Violations);
    }

    /// <summary>Decodes and validates UTF-8 bytes.</summary>
    /// <exception cref="BrCodeFormatException">The code has at least one error; names tag and offset.</exception>
    public static BrCode Parse(ReadOnlySpan<byte> utf8, BrCodeParseOptions options = default)
    {
        var result = TryParse(utf8, options);
        return result.Code ?? throw new BrCodeFormatException(result.Violations);
    }

    /// <summary>
    /// Validates without building a model or any string: allocates nothing, for good and bad input alike.
    /// </summary>
    public static BrCodeValidation Validate(ReadOnlySpan<char> input, BrCodeParseOptions options = default)
    {
        var sink = new ViolationSink(collect: false);
        BrCodeDecoder.Decode(input, options.Lenient, ref sink, out var layout);
        return new BrCodeValidation(sink, layout.Kind);
    }

    /// <summary>Validates UTF-8 bytes without allocating.</summary>
    public static BrCodeValidation Validate(ReadOnlySpan<byte> utf8, BrCodeParseOptions options = default)
    {
        Span<char> buffer = stackalloc char[Math.Min(utf8.Length, Tags.MaxPayloadLength)];
        if (!TryWiden(utf8, buffer, out var chars, out var early))
        {
            var sink = new ViolationSink(collect: false);
            sink.Error(early.Reason, early.Tag, early.Offset);
            return new BrCodeValidation(sink, BrCodeKind.Static);
        }

        return Validate(chars, options);
    }

    /// <summary>
    /// A BR Code is printable ASCII, so bytes map 1:1 to chars and offsets stay the same. Size and
    /// character checks happen here so that nothing bigger than 512 is copied.
    /// </summary>
    private static bool TryWiden(ReadOnlySpan<byte> utf8, Span<char> buffer, out ReadOnlySpan<char> chars, out BrCodeViolation early)
    {
        chars = default;
        early = default;
        if (utf8.Length > Tags.MaxPayloadLength)
        {
            early = new BrCodeViolation(BrCodeTag.None, Tags.MaxPayloadLength, BrCodeViolationReason.InputTooLong, BrCodeSeverity.Error);
            return false;
        }

        var bad = utf8.IndexOfAnyExcept(CharSets.PrintableBytes);
        if (bad >= 0)
        {
            early = new BrCodeViolation(BrCodeTag.None, bad, BrCodeViolationReason.InvalidCharacter, BrCodeSeverity.Error);
            return false;
        }

        var written = Encoding.ASCII.GetChars(utf8, buffer);
        chars = buffer[..written];
        return true;
    }
}
