using System.Globalization;

namespace Gpos.BrCode;

/// <summary>
/// Names a data object: a top-level ID (<c>54</c>) or a nested one (<c>26-01</c>).
/// </summary>
/// <param name="Id">Top-level ID 0–99, or -1 when the violation concerns the whole input.</param>
/// <param name="SubId">Nested ID 0–99 inside template <paramref name="Id"/>, or -1 for a top-level object.</param>
public readonly record struct BrCodeTag(int Id, int SubId = -1)
{
    /// <summary>No particular tag (the whole input).</summary>
    public static BrCodeTag None => new(-1);

    /// <summary>True when this names a nested data object.</summary>
    public bool IsNested => SubId >= 0;

    /// <summary>Returns <c>54</c>, <c>26-01</c>, or <c>(input)</c>.</summary>
    public override string ToString() => Id < 0
        ? "(input)"
        : SubId < 0
            ? Id.ToString("D2", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Id:D2}-{SubId:D2}");
}
