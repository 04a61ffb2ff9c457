using System.Globalization;

namespace Gpos.Iso8583;

/// <summary>
/// Request/response matching key, as jPOS QMUX's default (MTI mapped to its group + DE41 + DE11): a 0210 matches its 0200,
/// a 0410 matches a 0400 or 0401, but a 0410 never matches a pending 0210 even with the same STAN.
/// </summary>
/// <param name="MtiGroup">The MTI group (<see cref="Mti.MatchingGroup"/>, e.g. 20 for 0200/0210).</param>
/// <param name="TerminalId">DE41.</param>
/// <param name="Stan">DE11.</param>
public readonly record struct MatchKey(int MtiGroup, string TerminalId, int Stan)
{
    /// <summary>A stable text form, e.g. <c>020|TERM0001|000123</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{MtiGroup:D3}|{TerminalId}|{Stan:D6}");
}
