namespace Gpos.CardHostSimulator.Rules;

/// <summary>A test PAN with a fixed answer (public test numbers, Luhn-valid, never real cards).</summary>
/// <param name="Pan">The test PAN.</param>
/// <param name="ResponseCode">DE39 it is always answered with (null = follow the amount rules).</param>
/// <param name="Meaning">What it simulates.</param>
internal sealed record TestCard(string Pan, string? ResponseCode, string Meaning);
