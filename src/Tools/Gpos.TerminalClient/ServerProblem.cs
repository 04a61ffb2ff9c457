namespace Gpos.TerminalClient;

/// <summary>An RFC 9457 problem GPOS answered with, or a description of a failure that never reached an answer.</summary>
/// <param name="Status">HTTP status; null when no response arrived (network, TLS).</param>
/// <param name="Type">The problem type URI, e.g. <c>https://gpos.dev/problems/terminals/activation-locked</c>.</param>
/// <param name="Title">Short human-readable summary.</param>
/// <param name="Detail">Explanation for this occurrence.</param>
public sealed record ServerProblem(int? Status, string? Type, string? Title, string? Detail)
{
    /// <inheritdoc />
    public override string ToString() =>
        string.Join(" ", new[] { Status?.ToString(System.Globalization.CultureInfo.InvariantCulture), Title, Detail, Type is null ? null : $"({Type})" }
            .Where(s => !string.IsNullOrEmpty(s)));
}
