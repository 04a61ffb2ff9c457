using System.Text.Json;
using System.Text.RegularExpressions;
using Gpos.Pix.Shared;

namespace Gpos.Pix.Refunds;

/// <summary>A valid <c>DevolucaoSolicitada</c>: amount in centavos, natureza, optional descricao.</summary>
internal sealed record RefundTerms(long Valor, string Natureza, string? Descricao)
{
    /// <summary>What identifies "the same request" when a client repeats a PUT the PSP never answered.</summary>
    public string Canonical() => $"{Valor}|{Natureza}|{Descricao}";
}

/// <summary>
/// [SPEC] <c>DevolucaoSolicitada</c>: <c>valor</c> required (<c>^\d{1,10}\.\d{2}$</c>, above zero), <c>natureza</c>
/// ORIGINAL (default) or RETIRADA, <c>descricao</c> ≤ 140; unknown fields refused. Every violation is reported.
/// </summary>
internal static partial class RefundRequestParser
{
    public static bool IsDevolucaoId(string id) => DevolucaoId().IsMatch(id);

    public static bool IsEndToEndId(string e2eid) => EndToEndId().IsMatch(e2eid);

    public static RefundTerms? Parse(string text, List<Violacao> violacoes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            violacoes.Add(new Violacao("O corpo da requisição não é um JSON válido.", "devolucao"));
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                violacoes.Add(new Violacao("O corpo da requisição deve ser um objeto JSON.", "devolucao"));
                return null;
            }

            long valor = 0;
            var natureza = "ORIGINAL";
            string? descricao = null;
            var hasValor = false;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                switch (property.Name)
                {
                    case "valor":
                        hasValor = true;
                        if (value.ValueKind != JsonValueKind.String || !PixMoney.TryParse(value.GetString(), out valor) || valor <= 0)
                        {
                            violacoes.Add(new Violacao("O campo devolucao.valor não respeita o _schema_ (\\d{1,10}\\.\\d{2}, maior que zero).",
                                "devolucao.valor", Short(value)));
                        }

                        break;
                    case "natureza" when value.ValueKind == JsonValueKind.Null:
                        break;
                    case "natureza":
                        if (value.ValueKind != JsonValueKind.String || value.GetString() is not ("ORIGINAL" or "RETIRADA"))
                        {
                            violacoes.Add(new Violacao("O campo devolucao.natureza deve ser ORIGINAL ou RETIRADA.", "devolucao.natureza", Short(value)));
                        }
                        else
                        {
                            natureza = value.GetString()!;
                        }

                        break;
                    case "descricao" when value.ValueKind == JsonValueKind.Null:
                        break;
                    case "descricao":
                        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length > 140)
                        {
                            violacoes.Add(new Violacao("O campo devolucao.descricao deve ter no máximo 140 caracteres.", "devolucao.descricao"));
                        }
                        else
                        {
                            descricao = value.GetString();
                        }

                        break;
                    default:
                        violacoes.Add(new Violacao($"O campo devolucao.{Clip(property.Name)} não faz parte do _schema_.", "devolucao." + Clip(property.Name)));
                        break;
                }
            }

            if (!hasValor)
            {
                violacoes.Add(new Violacao("O campo devolucao.valor é obrigatório.", "devolucao.valor"));
            }

            return violacoes.Count == 0 ? new RefundTerms(valor, natureza, descricao) : null;
        }
    }

    private static string? Short(JsonElement value)
    {
        var raw = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        return raw is { Length: <= 50 } ? raw : null;
    }

    private static string Clip(string name) => name.Length <= 50 ? name : name[..50];

    [GeneratedRegex("^[a-zA-Z0-9]{1,35}$", RegexOptions.CultureInvariant)]
    private static partial Regex DevolucaoId();

    [GeneratedRegex("^[a-zA-Z0-9]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex EndToEndId();
}
