using System.Runtime.CompilerServices;

namespace Gpos.Iso8583;

/// <summary>
/// The first <see cref="Length"/> bytes of a message's value store, inline in the message object, so unpacking a
/// typical authorization (about 300 bytes on the wire) allocates the message object and nothing else.
/// Larger messages move to a heap array.
/// </summary>
[InlineArray(Length)]
internal struct InlineStore
{
    /// <summary>Bytes held inline: a typical 0200 with a 60-byte DE55 packs to about 300 bytes.</summary>
    public const int Length = 512;

    private byte _element0;
}
