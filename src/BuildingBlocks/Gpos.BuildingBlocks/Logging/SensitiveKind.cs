namespace Gpos.BuildingBlocks.Logging;

/// <summary>What a log property's name says about its content.</summary>
public enum SensitiveKind
{
    None,
    /// <summary>A card number: logged as BIN + last 4 only.</summary>
    Pan,
    /// <summary>Track data, PIN block, CVV or raw EMV: never logged.</summary>
    Drop,
}
