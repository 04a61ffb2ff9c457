using System.Text.RegularExpressions;

namespace Gpos.Webhooks.Registration;

/// <summary>The five DICT key formats (Manual Operacional do DICT: CPF, CNPJ, phone in E.164, e-mail, random EVP key).</summary>
internal static partial class PixKeyFormat
{
    public static bool IsValid(string chave) => chave.Length is > 0 and <= 77
        && (Cpf().IsMatch(chave) || Cnpj().IsMatch(chave) || Phone().IsMatch(chave) || Email().IsMatch(chave) || Evp().IsMatch(chave));

    [GeneratedRegex(@"^\d{11}$", RegexOptions.CultureInvariant)]
    private static partial Regex Cpf();

    [GeneratedRegex(@"^[0-9A-Z]{12}\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Cnpj();

    [GeneratedRegex(@"^\+[1-9]\d{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    [GeneratedRegex(@"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex Evp();
}
