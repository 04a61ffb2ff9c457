namespace Gpos.BrCode;

/// <summary>A data object kept as-is: its ID and raw value (a template's value is its nested TLV text).</summary>
/// <param name="Tag">ID 00–99 at its level.</param>
/// <param name="Value">The raw value, 1–99 printable ASCII characters.</param>
public sealed record BrCodeField(int Tag, string Value);
