using System.Text.Json;
using System.Text.RegularExpressions;
using Gpos.Pix.Shared;

namespace Gpos.Pix.Charges;

/// <summary>
/// Reads a <c>CobSolicitada</c> (PUT/POST) or <c>CobRevisada</c> (PATCH) body and collects every "Tag Cob" violation
/// ([SPEC] info.description, pix-api.md §3) instead of stopping at the first. Unknown properties are violations too.
/// Regexes are anchored here: the spec's are not (pix-api.md caveat).
/// </summary>
internal static partial class CobRequestParser
{

    /// <summary>The fields present in a body; null means absent.</summary>
    internal sealed class CobFields
    {
        public bool HasCalendario { get; set; }
        public int? Expiracao { get; set; }
        public bool HasDevedor { get; set; }
        public string? Cpf { get; set; }
        public string? Cnpj { get; set; }
        public string? Nome { get; set; }
        public bool HasValor { get; set; }
        public long? Valor { get; set; }
        public int? ModalidadeAlteracao { get; set; }
        public string? Chave { get; set; }
        public string? SolicitacaoPagador { get; set; }
        public List<InfoAdicional>? InfoAdicionais { get; set; }
        public string? Status { get; set; }
    }

    public static CobFields Parse(JsonElement root, bool patch, List<Violacao> violacoes)
    {
        var fields = new CobFields();
        if (root.ValueKind != JsonValueKind.Object)
        {
            violacoes.Add(new Violacao("O corpo da requisição deve ser um objeto JSON.", "cob"));
            return fields;
        }

        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "calendario":
                    fields.HasCalendario = true;
                    ReadCalendario(property.Value, fields, violacoes);
                    break;
                case "devedor":
                    fields.HasDevedor = true;
                    ReadDevedor(property.Value, fields, violacoes);
                    break;
                case "valor":
                    fields.HasValor = true;
                    ReadValor(property.Value, fields, violacoes);
                    break;
                case "chave":
                    fields.Chave = String(property.Value, "cob.chave", 1, 77, violacoes);
                    break;
                case "solicitacaoPagador":
                    fields.SolicitacaoPagador = String(property.Value, "cob.solicitacaoPagador", 0, 140, violacoes);
                    break;
                case "infoAdicionais":
                    fields.InfoAdicionais = ReadInfoAdicionais(property.Value, violacoes);
                    break;
                case "status" when patch:
                    fields.Status = String(property.Value, "cob.status", 1, 40, violacoes);
                    if (fields.Status is not null and not "REMOVIDA_PELO_USUARIO_RECEBEDOR")
                    {
                        violacoes.Add(new Violacao("O campo cob.status só aceita REMOVIDA_PELO_USUARIO_RECEBEDOR.", "cob.status", fields.Status));
                    }

                    break;
                case "loc":
                    violacoes.Add(new Violacao("O campo cob.loc não é suportado: a location é gerada pelo PSP.", "cob.loc"));
                    break;
                default:
                    violacoes.Add(new Violacao($"O campo cob.{property.Name} não é reconhecido.", $"cob.{property.Name}"));
                    break;
            }
        }

        if (!patch)
        {
            if (!fields.HasCalendario)
            {
                violacoes.Add(new Violacao("O campo cob.calendario é obrigatório.", "cob.calendario"));
            }

            if (!fields.HasValor)
            {
                violacoes.Add(new Violacao("O campo cob.valor.original é obrigatório.", "cob.valor.original"));
            }

            if (fields.Chave is null && !violacoes.Any(v => v.Propriedade == "cob.chave"))
            {
                violacoes.Add(new Violacao("O campo cob.chave é obrigatório.", "cob.chave"));
            }
        }
        else if (fields.Status is not null && (fields.HasCalendario || fields.HasDevedor || fields.HasValor || fields.Chave is not null
            || fields.SolicitacaoPagador is not null || fields.InfoAdicionais is not null))
        {
            violacoes.Add(new Violacao("Uma cobrança não pode ser removida e alterada na mesma requisição.", "cob.status"));
        }

        return fields;
    }

    /// <summary>The terms of a new charge, from a valid PUT/POST body.</summary>
    public static CobTerms ToTerms(CobFields f) => new(
        f.Expiracao ?? CobTerms.DefaultExpiracao, f.Cpf, f.Cnpj, f.Nome, f.Valor ?? 0, f.ModalidadeAlteracao ?? 0, f.Chave!,
        f.SolicitacaoPagador, f.InfoAdicionais ?? []);

    /// <summary>The terms after a PATCH: present fields replace the current ones.</summary>
    public static CobTerms Apply(CobTerms current, CobFields f) => new(
        f.Expiracao ?? current.Expiracao,
        f.HasDevedor ? f.Cpf : current.DevedorCpf,
        f.HasDevedor ? f.Cnpj : current.DevedorCnpj,
        f.HasDevedor ? f.Nome : current.DevedorNome,
        f.Valor ?? current.ValorCentavos,
        f.ModalidadeAlteracao ?? current.ModalidadeAlteracao,
        f.Chave ?? current.Chave,
        f.SolicitacaoPagador ?? current.SolicitacaoPagador,
        f.InfoAdicionais ?? current.InfoAdicionais);

    public static bool IsTxid(string? txid) => txid is not null && TxidPattern().IsMatch(txid);

    private static void ReadCalendario(JsonElement value, CobFields fields, List<Violacao> violacoes)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            violacoes.Add(Schema("cob.calendario"));
            return;
        }

        foreach (var p in value.EnumerateObject())
        {
            if (p.Name == "expiracao")
            {
                if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var seconds) && seconds > 0)
                {
                    fields.Expiracao = seconds;
                }
                else
                {
                    violacoes.Add(new Violacao("O campo cob.calendario.expiracao deve ser um inteiro positivo.", "cob.calendario.expiracao",
                        p.Value.GetRawText()));
                }
            }
            else
            {
                violacoes.Add(new Violacao($"O campo cob.calendario.{p.Name} não é reconhecido.", $"cob.calendario.{p.Name}"));
            }
        }
    }

    private static void ReadDevedor(JsonElement value, CobFields fields, List<Violacao> violacoes)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            violacoes.Add(Schema("cob.devedor"));
            return;
        }

        foreach (var p in value.EnumerateObject())
        {
            switch (p.Name)
            {
                case "cpf":
                    fields.Cpf = String(p.Value, "cob.devedor.cpf", 11, 11, violacoes);
                    if (fields.Cpf is not null && !CpfPattern().IsMatch(fields.Cpf))
                    {
                        violacoes.Add(Schema("cob.devedor.cpf", fields.Cpf));
                    }

                    break;
                case "cnpj":
                    fields.Cnpj = String(p.Value, "cob.devedor.cnpj", 14, 14, violacoes);
                    if (fields.Cnpj is not null && !CnpjPattern().IsMatch(fields.Cnpj))
                    {
                        violacoes.Add(Schema("cob.devedor.cnpj", fields.Cnpj));
                    }

                    break;
                case "nome":
                    fields.Nome = String(p.Value, "cob.devedor.nome", 1, 200, violacoes);
                    break;
                default:
                    violacoes.Add(new Violacao($"O campo cob.devedor.{p.Name} não é reconhecido.", $"cob.devedor.{p.Name}"));
                    break;
            }
        }

        if (fields.Cpf is not null && fields.Cnpj is not null)
        {
            violacoes.Add(new Violacao("Os campos cob.devedor.cpf e cob.devedor.cnpj são mutuamente exclusivos.", "cob.devedor"));
        }

        if (fields.Nome is null)
        {
            violacoes.Add(new Violacao("O campo cob.devedor.nome é obrigatório quando cob.devedor é informado.", "cob.devedor.nome"));
        }

        if (fields.Cpf is null && fields.Cnpj is null)
        {
            violacoes.Add(new Violacao("O campo cob.devedor.cpf ou cob.devedor.cnpj é obrigatório quando cob.devedor.nome é informado.",
                "cob.devedor"));
        }
    }

    private static void ReadValor(JsonElement value, CobFields fields, List<Violacao> violacoes)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            violacoes.Add(Schema("cob.valor"));
            return;
        }

        var hasOriginal = false;
        foreach (var p in value.EnumerateObject())
        {
            switch (p.Name)
            {
                case "original":
                    hasOriginal = true;
                    var text = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
                    if (!PixMoney.TryParse(text, out var centavos))
                    {
                        violacoes.Add(Schema("cob.valor.original", text ?? p.Value.GetRawText()));
                    }
                    else if (centavos == 0)
                    {
                        violacoes.Add(new Violacao("O campo cob.valor.original deve ser maior que zero.", "cob.valor.original", text));
                    }
                    else
                    {
                        fields.Valor = centavos;
                    }

                    break;
                case "modalidadeAlteracao":
                    if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var m) && m is 0 or 1)
                    {
                        fields.ModalidadeAlteracao = m;
                    }
                    else
                    {
                        violacoes.Add(Schema("cob.valor.modalidadeAlteracao", p.Value.GetRawText()));
                    }

                    break;
                default:
                    violacoes.Add(new Violacao($"O campo cob.valor.{p.Name} não é suportado.", $"cob.valor.{p.Name}"));
                    break;
            }
        }

        if (!hasOriginal)
        {
            violacoes.Add(new Violacao("O campo cob.valor.original é obrigatório.", "cob.valor.original"));
        }
    }

    private static List<InfoAdicional>? ReadInfoAdicionais(JsonElement value, List<Violacao> violacoes)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            violacoes.Add(Schema("cob.infoAdicionais"));
            return null;
        }

        // [SPEC] writes "maximum: 50" on the array: read as at most 50 items.
        if (value.GetArrayLength() > 50)
        {
            violacoes.Add(new Violacao("O campo cob.infoAdicionais aceita no máximo 50 itens.", "cob.infoAdicionais"));
        }

        var items = new List<InfoAdicional>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"cob.infoAdicionais[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                violacoes.Add(Schema(path));
                continue;
            }

            string? nome = null, valor = null;
            foreach (var p in item.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "nome":
                        nome = String(p.Value, path + ".nome", 1, 50, violacoes);
                        break;
                    case "valor":
                        valor = String(p.Value, path + ".valor", 1, 200, violacoes);
                        break;
                    default:
                        violacoes.Add(new Violacao($"O campo {path}.{p.Name} não é reconhecido.", $"{path}.{p.Name}"));
                        break;
                }
            }

            if (nome is null || valor is null)
            {
                violacoes.Add(new Violacao($"Os campos {path}.nome e {path}.valor são obrigatórios.", path));
            }
            else
            {
                items.Add(new InfoAdicional(nome, valor));
            }
        }

        return items;
    }

    private static string? String(JsonElement value, string path, int min, int max, List<Violacao> violacoes)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            violacoes.Add(Schema(path, value.GetRawText()));
            return null;
        }

        var text = value.GetString()!;
        if (text.Length < min || text.Length > max)
        {
            violacoes.Add(new Violacao($"O campo {path} deve ter entre {min} e {max} caracteres.", path, text.Length > 200 ? null : text));
            return null;
        }

        return text;
    }

    private static Violacao Schema(string path, string? valor = null) =>
        new($"O campo {path} não respeita o _schema_.", path, valor);

    [GeneratedRegex("^[a-zA-Z0-9]{26,35}$", RegexOptions.CultureInvariant)]
    private static partial Regex TxidPattern();

    [GeneratedRegex("^[0-9]{11}$", RegexOptions.CultureInvariant)]
    private static partial Regex CpfPattern();

    [GeneratedRegex("^[0-9A-Z]{14}$", RegexOptions.CultureInvariant)]
    private static partial Regex CnpjPattern();
}
