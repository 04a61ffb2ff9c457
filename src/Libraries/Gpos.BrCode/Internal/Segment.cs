namespace Gpos.BrCode.Internal;

/// <summary>Where a value sits in the input. Values never start at 0 (a TLV header comes first).</summary>
internal readonly record struct Segment(int Start, int Length)
{
    public bool IsPresent => Start > 0;

    public ReadOnlySpan<char> Slice(ReadOnlySpan<char> input) => IsPresent ? input.Slice(Start, Length) : default;

    public string? ToStringOrNull(ReadOnlySpan<char> input) => IsPresent ? new string(input.Slice(Start, Length)) : null;
}
