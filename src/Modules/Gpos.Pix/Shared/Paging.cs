using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Gpos.Pix.Shared;

/// <summary>API Pix list parameters: <c>inicio</c>/<c>fim</c> and <c>paginacao.*</c> ([SPEC] <c>Paginacao</c>, pix-api.md §1.3).</summary>
internal static class Paging
{
    public readonly record struct Page(int Number, int Size);

    public static Page Read(IQueryCollection query, List<Violacao> violacoes)
    {
        var page = ReadInt(query, "paginacao.paginaAtual", 0, 0, int.MaxValue, violacoes);
        var size = ReadInt(query, "paginacao.itensPorPagina", 100, 1, 1000, violacoes);
        return new Page(page, size);
    }

    public static DateTimeOffset? ReadTime(IQueryCollection query, string name, List<Violacao> violacoes)
    {
        string? text = query[name];
        if (text is null)
        {
            violacoes.Add(new Violacao($"O parâmetro {name} é obrigatório.", name));
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            violacoes.Add(new Violacao($"O parâmetro {name} não é um timestamp RFC 3339.", name, text));
            return null;
        }

        return value;
    }

    public static JsonObject Json(Page page, int total) => new()
    {
        ["paginaAtual"] = page.Number,
        ["itensPorPagina"] = page.Size,
        ["quantidadeDePaginas"] = (total + page.Size - 1) / page.Size,
        ["quantidadeTotalDeItens"] = total,
    };

    private static int ReadInt(IQueryCollection query, string name, int fallback, int min, int max, List<Violacao> violacoes)
    {
        string? text = query[name];
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            violacoes.Add(new Violacao($"O parâmetro {name} deve estar entre {min} e {max}.", name, text));
            return fallback;
        }

        return value;
    }
}
