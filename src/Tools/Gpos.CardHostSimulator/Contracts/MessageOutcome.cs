namespace Gpos.CardHostSimulator;

/// <summary>What the simulator did with a recorded request.</summary>
public enum MessageOutcome
{
    /// <summary>Received; the answer is being held (delayed amount or delay fault).</summary>
    Pending = 0,

    /// <summary>Answered.</summary>
    Answered = 1,

    /// <summary>Deliberately never answered (amount rule or silent fault).</summary>
    NotAnswered = 2,

    /// <summary>The simulator closed the connection instead of answering (amount rule or drop fault).</summary>
    ConnectionDropped = 3,

    /// <summary>The answer was being held when the connection closed or the server stopped, so it was never sent.</summary>
    Abandoned = 4,
}
