namespace Gpos.Ledger.Contracts;

/// <summary>An account to open (or find, when it exists with the same definition).</summary>
/// <param name="Code">Unique code, lower case, e.g. <c>merchant:m-123:payable:brl</c>.</param>
/// <param name="Type">What it holds.</param>
/// <param name="Owner">The owner, e.g. a merchant id; null for the platform's own accounts.</param>
/// <param name="Currency">ISO 4217 alphabetic code, e.g. <c>BRL</c>.</param>
public sealed record AccountDefinition(string Code, AccountType Type, string? Owner, string Currency);
