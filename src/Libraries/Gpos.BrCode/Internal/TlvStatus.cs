namespace Gpos.BrCode.Internal;

internal enum TlvStatus
{
    Ok,
    End,
    Truncated,
    InvalidTagId,
    InvalidLength,
    LengthOverrun,
}
