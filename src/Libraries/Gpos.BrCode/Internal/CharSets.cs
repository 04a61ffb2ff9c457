using System.Buffers;

namespace Gpos.BrCode.Internal;

/// <summary>
/// Precomputed character sets. MemoryExtensions.IndexOfAnyExceptInRange / ContainsAnyExceptInRange allocated
/// 96 B per call on net10.0 in our measurements, so the hot path uses SearchValues instead (0 B).
/// </summary>
internal static class CharSets
{
    private const string DigitChars = "0123456789";
    private const string LetterChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static readonly SearchValues<char> Digits = SearchValues.Create(DigitChars);

    public static readonly SearchValues<char> Alphanumeric = SearchValues.Create(DigitChars + LetterChars);

    public static readonly SearchValues<char> Printable = SearchValues.Create(PrintableAscii());

    public static readonly SearchValues<byte> PrintableBytes = SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(PrintableAscii()));

    private static string PrintableAscii() => string.Create(0x7F - 0x20, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (char)(0x20 + i);
        }
    });
}
