namespace Gpos.BrCode;

/// <summary>What <see cref="BrCode.CreateStatic"/> / <see cref="BrCode.CreateDynamic"/> changed in a caller's text.</summary>
[Flags]
public enum BrCodeNormalizationKind
{
    /// <summary>Nothing changed.</summary>
    None = 0,

    /// <summary>Accented letters were replaced by their ASCII base letters (<c>Ã</c> → <c>A</c>).</summary>
    DiacriticsRemoved = 1,

    /// <summary>Lower-case letters were upper-cased.</summary>
    UpperCased = 2,

    /// <summary>The text was cut to the field's maximum length.</summary>
    Truncated = 4,

    /// <summary>Characters with no ASCII equivalent (control characters, emoji, other scripts) were dropped.</summary>
    CharactersRemoved = 8,

    /// <summary>Leading or trailing spaces were removed.</summary>
    Trimmed = 16,

    /// <summary>A <c>https://</c> or <c>http://</c> prefix was removed from the url.</summary>
    SchemeRemoved = 32,
}
