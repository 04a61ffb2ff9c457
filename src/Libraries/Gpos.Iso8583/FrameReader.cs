using System.Buffers;

namespace Gpos.Iso8583;

/// <summary>
/// Splits a byte stream into frames with a 2-byte big-endian length header (jPOS NACChannel/PostChannel, moov
/// Binary2Bytes): "is a whole frame here?", separate from parsing. Pipelines-friendly: pass the buffer from
/// <c>PipeReader.ReadAsync</c>; on <see cref="OperationStatus.Done"/> the buffer has been advanced past the frame.
/// Zero-length frames (keep-alives, which jPOS BaseChannel skips) are consumed and skipped. Thread-safe (immutable).
/// </summary>
public sealed class FrameReader
{
    /// <summary>Length of the frame header in bytes.</summary>
    public const int HeaderLength = 2;

    /// <summary>The default maximum frame size (8 KiB; POS authorizations are a few hundred bytes).</summary>
    public const int DefaultMaxFrameSize = 8192;

    /// <summary>Creates a frame reader.</summary>
    /// <param name="maxFrameSize">Largest accepted frame payload, 1..65535 (jPOS's equivalent is <c>max-packet-length</c>).</param>
    public FrameReader(int maxFrameSize = DefaultMaxFrameSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFrameSize, ushort.MaxValue);
        MaxFrameSize = maxFrameSize;
    }

    /// <summary>A reader with <see cref="DefaultMaxFrameSize"/>.</summary>
    public static FrameReader Default { get; } = new();

    /// <summary>Largest accepted frame payload.</summary>
    public int MaxFrameSize { get; }

    /// <summary>Tries to take one frame off the front of the buffer.</summary>
    /// <param name="buffer">
    /// Received bytes; advanced past the frame on <see cref="OperationStatus.Done"/> and past any zero-length keep-alives
    /// before it; otherwise left at the start of the incomplete or invalid frame.
    /// </param>
    /// <param name="frame">The frame payload (without the header), a slice of the buffer.</param>
    /// <returns>
    /// <see cref="OperationStatus.Done"/> with a frame, <see cref="OperationStatus.NeedMoreData"/> when the frame is incomplete,
    /// or <see cref="OperationStatus.InvalidData"/> when the header announces more than <see cref="MaxFrameSize"/>
    /// (close the connection).
    /// </returns>
    public OperationStatus TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame) =>
        TryReadFrame(ref buffer, out frame, out _);

    /// <summary>Tries to take one frame off the front of the buffer, reporting why a frame is invalid.</summary>
    /// <param name="buffer">Received bytes; advanced past the frame on <see cref="OperationStatus.Done"/>.</param>
    /// <param name="frame">The frame payload (without the header).</param>
    /// <param name="error">For <see cref="OperationStatus.InvalidData"/>: <see cref="Iso8583ErrorKind.FrameTooLarge"/>, offset 0.</param>
    /// <returns>Done, NeedMoreData or InvalidData.</returns>
    public OperationStatus TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame, out Iso8583Error error)
    {
        frame = default;
        error = default;
        var remaining = buffer;
        while (true)
        {
            var reader = new SequenceReader<byte>(remaining);
            if (!reader.TryReadBigEndian(out short header))
            {
                return OperationStatus.NeedMoreData;
            }

            int length = (ushort)header;
            if (length == 0)
            {
                remaining = remaining.Slice(HeaderLength);
                buffer = remaining;
                continue;
            }

            if (length > MaxFrameSize)
            {
                error = new Iso8583Error(Iso8583ErrorKind.FrameTooLarge, -1, 0);
                return OperationStatus.InvalidData;
            }

            if (reader.Remaining < length)
            {
                return OperationStatus.NeedMoreData;
            }

            frame = remaining.Slice(HeaderLength, length);
            buffer = remaining.Slice(frame.End);
            return OperationStatus.Done;
        }
    }
}
