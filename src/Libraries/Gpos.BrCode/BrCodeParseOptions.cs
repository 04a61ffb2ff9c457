namespace Gpos.BrCode;

/// <summary>Options for decoding. The default is strict.</summary>
public readonly record struct BrCodeParseOptions
{
    /// <summary>
    /// Accept known real-world deviations and report them as warnings: lower-case CRC hex, a missing tag 62
    /// or 62-05, an amount with fewer than two decimals (<c>10</c>, <c>10.</c>, <c>0.9</c>), and a txid other
    /// than <c>***</c> on a dynamic code.
    /// </summary>
    public bool Lenient { get; init; }

    /// <summary>Strict decoding (the default).</summary>
    public static BrCodeParseOptions Strict => default;

    /// <summary>Lenient decoding: see <see cref="Lenient"/>.</summary>
    public static BrCodeParseOptions Tolerant => new() { Lenient = true };
}
