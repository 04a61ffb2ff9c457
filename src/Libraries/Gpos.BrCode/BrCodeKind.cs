namespace Gpos.BrCode;

/// <summary>Whether a BR Code carries a DICT key (static) or a payload location URL (dynamic).</summary>
public enum BrCodeKind
{
    /// <summary>Static code: merchant account information 26-01 (chave) is present.</summary>
    Static = 0,

    /// <summary>Dynamic code: merchant account information 26-25 (url) is present.</summary>
    Dynamic = 1,
}
