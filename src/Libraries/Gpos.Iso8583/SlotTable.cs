using System.Runtime.CompilerServices;

namespace Gpos.Iso8583;

/// <summary>
/// Per-field location of a value in the message's byte store: offset (high 16 bits) and length in units (low 16 bits),
/// indexed by field number. Inline in the message object, so unpacking allocates no per-field objects.
/// </summary>
[InlineArray(129)]
internal struct SlotTable
{
    private uint _element0;
}
