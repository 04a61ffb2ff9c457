using System.Text.Json;
using Gpos.PspSimulator.Pix;
using Gpos.PspSimulator.State;

namespace Gpos.PspSimulator.Api;

/// <summary>
/// Reads <c>CobSolicitada</c> (PUT) and <c>CobRevisada</c> (PATCH) and collects every violation of the spec's
/// "Tag Cob" list, each with the <c>propriedade</c> the spec's examples use (<c>cob.valor.original</c>, …).
/// Unknown fields are violations (a strict PSP catches a misspelled field); JSON <c>null</c> counts as absent.
/// </summary>
internal sealed class CobRequestParser(Func<string, bool> isReceiverKey)
{
    private const int DefaultExpiracao = 86400;

    private static readonly string[] CreateFields = ["calendario", "devedor", "loc", "valor", "chave", "solicitacaoPagador", "infoAdicionais"];
    private static readonly string[] PatchFields = [.. CreateFields, "status"];

    private readonly List<Violacao> _violations = [];

    public IReadOnlyList<Violacao> Violations => _violations;

    public CobTerms? ParseCreate(JsonElement root)
    {
        if (!CheckObject(root, CreateFields))
        {
            return null;
        }

        var calendario = Get(root, "calendario");
        if (calendario is null)
        {
            Add("O objeto cob.calendario não respeita o _schema_ (obrigatório).", "cob.calendario");
        }

        var expiracao = calendario is { } c ? Expiracao(c) ?? DefaultExpiracao : DefaultExpiracao;
        var devedor = Get(root, "devedor") is { } d ? Devedor(d) : null;
        RejectLoc(root);
        long original = 0;
        var modalidade = 0;
        if (Get(root, "valor") is { } valor)
        {
            (original, modalidade) = Valor(valor, required: true);
        }
        else
        {
            Add("O objeto cob.valor não respeita o _schema_ (obrigatório).", "cob.valor");
        }

        var chave = Chave(Get(root, "chave"), required: true);
        var solicitacao = Get(root, "solicitacaoPagador") is { } s ? Text(s, 140, "cob.solicitacaoPagador") : null;
        var info = Get(root, "infoAdicionais") is { } i ? InfoAdicionais(i) : [];
        return _violations.Count > 0 ? null : new CobTerms
        {
            Expiracao = expiracao,
            Devedor = devedor,
            Original = original,
            ModalidadeAlteracao = modalidade,
            Chave = chave!,
            SolicitacaoPagador = solicitacao,
            InfoAdicionais = info,
        };
    }

    public CobPatch? ParsePatch(JsonElement root)
    {
        if (!CheckObject(root, PatchFields))
        {
            return null;
        }

        var remove = false;
        if (Get(root, "status") is { } status)
        {
            if (status.ValueKind != JsonValueKind.String || status.GetString() != CobStatus.RemovidaPeloUsuarioRecebedor)
            {
                Add("O campo cob.status não respeita o _schema_.", "cob.status", status.ToString());
            }
            else
            {
                remove = true;
                if (root.EnumerateObject().Any(p => p.Name != "status" && p.Value.ValueKind != JsonValueKind.Null))
                {
                    Add("A cobrança está ATIVA, e a presente requisição propõe alterar seu status para REMOVIDA_PELO_USUARIO_RECEBEDOR juntamente com outras alterações.",
                        "cob.status", CobStatus.RemovidaPeloUsuarioRecebedor);
                }
            }
        }

        int? expiracao = Get(root, "calendario") is { } c ? Expiracao(c) : null;
        var devedorElement = Get(root, "devedor");
        var devedor = devedorElement is { } d ? Devedor(d) : null;
        RejectLoc(root);
        long? original = null;
        int? modalidade = null;
        if (Get(root, "valor") is { } valor)
        {
            var (o, m) = Valor(valor, required: false);
            original = valor.TryGetProperty("original", out _) ? o : null;
            modalidade = valor.TryGetProperty("modalidadeAlteracao", out _) ? m : null;
        }

        var chave = Chave(Get(root, "chave"), required: false);
        var solicitacao = Get(root, "solicitacaoPagador") is { } s ? Text(s, 140, "cob.solicitacaoPagador") : null;
        var info = Get(root, "infoAdicionais") is { } i ? InfoAdicionais(i) : null;
        return _violations.Count > 0 ? null : new CobPatch
        {
            Expiracao = expiracao,
            HasDevedor = devedorElement is not null,
            Devedor = devedor,
            Original = original,
            ModalidadeAlteracao = modalidade,
            Chave = chave,
            SolicitacaoPagador = solicitacao,
            InfoAdicionais = info,
            Remove = remove,
        };
    }

    private bool CheckObject(JsonElement root, string[] allowed)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Add("O corpo da requisição não respeita o _schema_ (deve ser um objeto JSON).", "cob");
            return false;
        }

        foreach (var property in root.EnumerateObject().Where(p => !allowed.Contains(p.Name, StringComparer.Ordinal)))
        {
            Add($"O campo cob.{property.Name} não é reconhecido pelo _schema_.", "cob." + property.Name);
        }

        return true;
    }

    private int? Expiracao(JsonElement calendario)
    {
        if (calendario.ValueKind != JsonValueKind.Object)
        {
            Add("O objeto cob.calendario não respeita o _schema_.", "cob.calendario");
            return null;
        }

        foreach (var p in calendario.EnumerateObject().Where(p => p.Name != "expiracao"))
        {
            Add($"O campo cob.calendario.{p.Name} não é reconhecido pelo _schema_.", "cob.calendario." + p.Name);
        }

        if (Get(calendario, "expiracao") is not { } e)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out var seconds))
        {
            Add("O campo cob.calendario.expiracao não respeita o _schema_.", "cob.calendario.expiracao", e.ToString());
            return null;
        }

        if (seconds <= 0)
        {
            Add("O campo cob.calendario.expiracao é igual ou menor que zero.", "cob.calendario.expiracao", e.ToString());
            return null;
        }

        return seconds;
    }

    private Devedor? Devedor(JsonElement devedor)
    {
        const string razao = "O objeto cob.devedor não respeita o _schema_.";
        if (devedor.ValueKind != JsonValueKind.Object)
        {
            Add(razao, "cob.devedor");
            return null;
        }

        var cpf = StringOrNull(devedor, "cpf");
        var cnpj = StringOrNull(devedor, "cnpj");
        var nome = StringOrNull(devedor, "nome");
        var unknown = devedor.EnumerateObject().Any(p => p.Name is not ("cpf" or "cnpj" or "nome"));
        var ok = !unknown
            && (cpf is null) != (cnpj is null)
            && (cpf is null || PixPatterns.Cpf().IsMatch(cpf))
            && (cnpj is null || PixPatterns.Cnpj().IsMatch(cnpj))
            && nome is { Length: > 0 and <= 200 };
        if (!ok)
        {
            Add(razao, "cob.devedor");
            return null;
        }

        return new Devedor(cpf, cnpj, nome);
    }

    private void RejectLoc(JsonElement root)
    {
        if (Get(root, "loc") is { } loc)
        {
            // The simulator has no POST /loc, so no location id can exist.
            Add("O location referenciado por cob.loc.id inexiste.", "cob.loc.id", loc.ValueKind == JsonValueKind.Object && loc.TryGetProperty("id", out var id) ? id.ToString() : null);
        }
    }

    private (long Original, int Modalidade) Valor(JsonElement valor, bool required)
    {
        if (valor.ValueKind != JsonValueKind.Object)
        {
            Add("O objeto cob.valor não respeita o _schema_.", "cob.valor");
            return (0, 0);
        }

        foreach (var p in valor.EnumerateObject().Where(p => p.Name is not ("original" or "modalidadeAlteracao")))
        {
            var razao = p.Name == "retirada"
                ? "O campo cob.valor.retirada (Pix Saque/Troco) não é suportado pelo simulador."
                : $"O campo cob.valor.{p.Name} não é reconhecido pelo _schema_.";
            Add(razao, "cob.valor." + p.Name);
        }

        var modalidade = 0;
        if (Get(valor, "modalidadeAlteracao") is { } m)
        {
            if (m.ValueKind != JsonValueKind.Number || !m.TryGetInt32(out modalidade) || modalidade is not (0 or 1))
            {
                Add("O campo cob.valor.modalidadeAlteracao não respeita o _schema_.", "cob.valor.modalidadeAlteracao", m.ToString());
                modalidade = 0;
            }
        }

        long original = 0;
        if (Get(valor, "original") is { } o)
        {
            if (o.ValueKind != JsonValueKind.String || !Money.TryParse(o.GetString(), out original))
            {
                Add("O campo cob.valor.original não respeita o _schema_.", "cob.valor.original", o.ToString());
            }
            else if (original == 0 && modalidade != 1)
            {
                Add("O campo cob.valor.original é zero.", "cob.valor.original", o.GetString());
            }
        }
        else if (required)
        {
            Add("O campo cob.valor.original não respeita o _schema_ (obrigatório).", "cob.valor.original");
        }

        return (original, modalidade);
    }

    private string? Chave(JsonElement? element, bool required)
    {
        if (element is not { } chave)
        {
            if (required)
            {
                Add("O campo cob.chave não respeita o _schema_ (obrigatório).", "cob.chave");
            }

            return null;
        }

        var text = chave.ValueKind == JsonValueKind.String ? chave.GetString() : null;
        if (text is not { Length: > 0 and <= 77 })
        {
            Add("O campo cob.chave não respeita o _schema_.", "cob.chave", chave.ToString());
            return null;
        }

        if (!isReceiverKey(text))
        {
            Add("O campo cob.chave corresponde a uma conta que não pertence a este usuário recebedor.", "cob.chave", text);
            return null;
        }

        return text;
    }

    private string? Text(JsonElement element, int maxLength, string propriedade)
    {
        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (text is null || text.Length > maxLength)
        {
            Add($"O campo {propriedade} não respeita o _schema_.", propriedade, element.ToString());
            return null;
        }

        return text;
    }

    private List<InfoAdicional> InfoAdicionais(JsonElement element)
    {
        const string razao = "O objeto cob.infoAdicionais não respeita o _schema_.";
        var list = new List<InfoAdicional>();
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > 50)
        {
            Add(razao, "cob.infoAdicionais");
            return list;
        }

        foreach (var item in element.EnumerateArray())
        {
            var nome = item.ValueKind == JsonValueKind.Object ? StringOrNull(item, "nome") : null;
            var valor = item.ValueKind == JsonValueKind.Object ? StringOrNull(item, "valor") : null;
            if (nome is not { Length: <= 50 } || valor is not { Length: <= 200 }
                || item.EnumerateObject().Any(p => p.Name is not ("nome" or "valor")))
            {
                Add(razao, "cob.infoAdicionais");
                return list;
            }

            list.Add(new InfoAdicional(nome, valor));
        }

        return list;
    }

    private static JsonElement? Get(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private string? StringOrNull(JsonElement obj, string name)
    {
        if (Get(obj, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Add($"O campo {name} não respeita o _schema_.", name, value.ToString());
            return null;
        }

        return value.GetString();
    }

    private void Add(string razao, string propriedade, string? valor = null) => _violations.Add(new Violacao(razao, propriedade, valor));
}
