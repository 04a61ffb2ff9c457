namespace Gpos.Iso8583;

/// <summary>
/// A malformed message, frame or value. Carries the <see cref="Iso8583ErrorKind"/>, the data element number and the byte
/// offset; the message never contains field values (so never a PAN).
/// </summary>
public sealed class Iso8583Exception : Exception
{
    /// <summary>Creates an exception for a codec error.</summary>
    /// <param name="error">The error.</param>
    public Iso8583Exception(Iso8583Error error)
        : base(error.Message)
    {
        Error = error;
    }

    /// <summary>Creates an exception with no error details.</summary>
    public Iso8583Exception()
    {
    }

    /// <summary>Creates an exception with a message and no error details.</summary>
    /// <param name="message">The message.</param>
    public Iso8583Exception(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public Iso8583Exception(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The error as a value.</summary>
    public Iso8583Error Error { get; }

    /// <summary>What went wrong.</summary>
    public Iso8583ErrorKind Kind => Error.Kind;

    /// <summary>The data element number (0 = MTI, 1 = bitmaps, -1 = none).</summary>
    public int FieldNumber => Error.FieldNumber;

    /// <summary>The byte offset where the problem was found (-1 = not applicable).</summary>
    public int Offset => Error.Offset;
}
