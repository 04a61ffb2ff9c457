namespace Gpos.CardHostSimulator.Iso;

/// <summary>How a request is answered on the wire.</summary>
internal enum Transport
{
    Respond,
    Silent,
    Drop,

    /// <summary>A frame that does not parse instead of the answer.</summary>
    Garbage,
}
