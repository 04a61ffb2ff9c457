using System.Text.Json;
using Gpos.PspSimulator.Api;
using Gpos.PspSimulator.Pix;

namespace Gpos.PspSimulator.Control;

/// <summary>Lenient readers for control API bodies (an empty body means "all defaults").</summary>
internal sealed class ControlJson
{
    private readonly JsonElement _root;

    private ControlJson(JsonElement root) => _root = root;

    public List<string> Errors { get; } = [];

    public static async Task<ControlJson?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ControlJson(default);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object ? new ControlJson(document.RootElement.Clone()) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static IResult BadBody(string detail) => ApiResults.Problem(PixProblem.Control("RequisicaoInvalida", 400, detail));

    public string? String(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Errors.Add($"{name} must be a string");
            return null;
        }

        return value.GetString();
    }

    public int? Int(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Errors.Add($"{name} must be an integer");
            return null;
        }

        return number;
    }

    public bool? Bool(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Errors.Add($"{name} must be true or false");
            return null;
        }

        return value.GetBoolean();
    }

    public long? Valor(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (!Money.TryParse(text, out var centavos))
        {
            Errors.Add($"{name} must match \\d{{1,10}}\\.\\d{{2}}");
            return null;
        }

        return centavos;
    }

    public List<string>? Strings(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            Errors.Add($"{name} must be an array of strings");
            return null;
        }

        return value.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return _root.ValueKind == JsonValueKind.Object && _root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }
}
