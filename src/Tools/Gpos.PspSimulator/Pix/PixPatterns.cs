using System.Text.RegularExpressions;

namespace Gpos.PspSimulator.Pix;

/// <summary>The spec's patterns, anchored (pix-api.md: the spec's own regexes are not).</summary>
internal static partial class PixPatterns
{
    /// <summary>[SPEC] <c>TxId</c> for cob: 26 to 35 alphanumerics.</summary>
    [GeneratedRegex("^[a-zA-Z0-9]{26,35}$")]
    public static partial Regex CobTxid();

    /// <summary>[SPEC] <c>EndToEndId</c>: exactly 32 alphanumerics.</summary>
    [GeneratedRegex("^[a-zA-Z0-9]{32}$")]
    public static partial Regex EndToEndId();

    /// <summary>[SPEC] <c>DevolucaoId</c>.</summary>
    [GeneratedRegex("^[a-zA-Z0-9]{1,35}$")]
    public static partial Regex DevolucaoId();

    /// <summary>[SPEC] <c>CobValor</c>, <c>Pix.valor</c>, <c>DevolucaoSolicitada.valor</c>.</summary>
    [GeneratedRegex(@"^\d{1,10}\.\d{2}$")]
    public static partial Regex Valor();

    /// <summary>[SPEC] <c>CPF</c> (written <c>/^\d{11}$/</c> in the spec).</summary>
    [GeneratedRegex(@"^\d{11}$")]
    public static partial Regex Cpf();

    /// <summary>[SPEC] <c>CNPJ</c>, alphanumeric since 2.9.0.</summary>
    [GeneratedRegex("^[0-9A-Z]{14}$")]
    public static partial Regex Cnpj();

    /// <summary>An 8-character ISPB.</summary>
    [GeneratedRegex("^[0-9A-Za-z]{8}$")]
    public static partial Regex Ispb();
}
