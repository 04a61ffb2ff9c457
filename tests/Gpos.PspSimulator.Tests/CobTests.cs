using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gpos.PspSimulator.Tests;

public sealed partial class CobTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Put_NewTxid_CreatesActiveChargeShapedAsCobGerada()
    {
        var txid = SimulatorFixture.NewTxid();
        var (status, cob) = await fixture.SendAsync(HttpMethod.Put, $"v2/cob/{txid}", SimulatorFixture.CobBody("37.00"));

        Assert.Equal(201, status);
        Assert.Equal(txid, (string?)cob["txid"]);
        Assert.Equal("ATIVA", (string?)cob["status"]);
        Assert.Equal(0, (int)cob["revisao"]!);
        Assert.Equal("37.00", (string?)cob["valor"]!["original"]);
        Assert.Equal(3600, (int)cob["calendario"]!["expiracao"]!);
        Assert.True(DateTimeOffset.TryParse((string?)cob["calendario"]!["criacao"], out _));
        Assert.Equal(SimulatorFixture.Chave, (string?)cob["chave"]);
        var location = (string)cob["location"]!;
        Assert.Matches(LocationPattern(), location);
        Assert.Equal(location, (string?)cob["loc"]!["location"]);
        Assert.Equal("cob", (string?)cob["loc"]!["tipoCob"]);
        Assert.StartsWith("000201010212", (string)cob["pixCopiaECola"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_SameBodyTwice_ReturnsTheSameCharge()
    {
        var txid = SimulatorFixture.NewTxid();
        var first = await fixture.CreateCobAsync(txid);
        var second = await fixture.CreateCobAsync(txid);

        Assert.Equal(first.ToJsonString(), second.ToJsonString());
    }

    [Fact]
    public async Task Put_DifferentBodyOnActiveCharge_IsANewRevision()
    {
        var txid = SimulatorFixture.NewTxid();
        var first = await fixture.CreateCobAsync(txid, "10.00");
        var second = await fixture.CreateCobAsync(txid, "12.00");

        Assert.Equal(1, (int)second["revisao"]!);
        Assert.Equal("12.00", (string?)second["valor"]!["original"]);
        Assert.Equal((long)first["loc"]!["id"]!, (long)second["loc"]!["id"]!);
        var (_, old) = await fixture.SendAsync(HttpMethod.Get, $"v2/cob/{txid}?revisao=0");
        Assert.Equal("10.00", (string?)old["valor"]!["original"]);
    }

    [Fact]
    public async Task Put_DifferentBodyOnPaidCharge_CobOperacaoInvalida()
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid);
        await fixture.PayAsync(txid);

        var (sameStatus, same) = await fixture.SendAsync(HttpMethod.Put, $"v2/cob/{txid}", SimulatorFixture.CobBody());
        var (status, problem) = await fixture.SendAsync(HttpMethod.Put, $"v2/cob/{txid}", SimulatorFixture.CobBody("11.00"));

        Assert.Equal(201, sameStatus);
        Assert.Equal("CONCLUIDA", (string?)same["status"]);
        Assert.Equal(400, status);
        Assert.Equal("https://pix.bcb.gov.br/api/v2/error/CobOperacaoInvalida", (string?)problem["type"]);
    }

    [Fact]
    public async Task Patch_RemovalByReceiver_SetsStatusAndRevision()
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid);

        var (status, cob) = await fixture.SendAsync(HttpMethod.Patch, $"cob/{txid}", new JsonObject { ["status"] = "REMOVIDA_PELO_USUARIO_RECEBEDOR" });

        Assert.Equal(200, status);
        Assert.Equal("REMOVIDA_PELO_USUARIO_RECEBEDOR", (string?)cob["status"]);
        Assert.Equal(1, (int)cob["revisao"]!);
        var (againStatus, again) = await fixture.SendAsync(HttpMethod.Patch, $"cob/{txid}", new JsonObject { ["solicitacaoPagador"] = "x" });
        Assert.Equal(400, againStatus);
        Assert.EndsWith("/CobOperacaoInvalida", (string)again["type"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_RemoveAndEditTogether_Violation()
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid);

        var (status, problem) = await fixture.SendAsync(HttpMethod.Patch, $"v2/cob/{txid}",
            new JsonObject { ["status"] = "REMOVIDA_PELO_USUARIO_RECEBEDOR", ["valor"] = new JsonObject { ["original"] = "1.00" } });

        Assert.Equal(400, status);
        Assert.Contains(problem["violacoes"]!.AsArray(), v => (string?)v!["propriedade"] == "cob.status");
    }

    [Fact]
    public async Task Patch_NewAmount_Revises()
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid);

        var (status, cob) = await fixture.SendAsync(HttpMethod.Patch, $"v2/cob/{txid}", new JsonObject { ["valor"] = new JsonObject { ["original"] = "99.99" } });

        Assert.Equal(200, status);
        Assert.Equal("99.99", (string?)cob["valor"]!["original"]);
        Assert.Equal(1, (int)cob["revisao"]!);
        Assert.Equal("Pedido 42", (string?)cob["solicitacaoPagador"]);
    }

    [Fact]
    public async Task Get_UnknownTxid_CobNaoEncontrado()
    {
        var (status, problem) = await fixture.SendAsync(HttpMethod.Get, $"v2/cob/{SimulatorFixture.NewTxid()}");

        Assert.Equal(404, status);
        Assert.Equal("https://pix.bcb.gov.br/api/v2/error/CobNaoEncontrado", (string?)problem["type"]);
        Assert.Equal(404, (int)problem["status"]!);
    }

    [Fact]
    public async Task Get_UnknownRevision_CobConsultaInvalida()
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid);

        var (status, problem) = await fixture.SendAsync(HttpMethod.Get, $"v2/cob/{txid}?revisao=5");

        Assert.Equal(400, status);
        Assert.EndsWith("/CobConsultaInvalida", (string)problem["type"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithAndWithoutV2Prefix_SameCharge()
    {
        var txid = SimulatorFixture.NewTxid();
        await fixture.CreateCobAsync(txid);

        var (_, v2) = await fixture.SendAsync(HttpMethod.Get, $"v2/cob/{txid}");
        var (_, root) = await fixture.SendAsync(HttpMethod.Get, $"cob/{txid}");

        Assert.Equal(v2.ToJsonString(), root.ToJsonString());
    }

    [Theory]
    [InlineData("valor.original", "1.5", "cob.valor.original")]
    [InlineData("valor.original", "-1.00", "cob.valor.original")]
    [InlineData("valor.original", "0.00", "cob.valor.original")]
    [InlineData("valor.original", "12345678901.00", "cob.valor.original")]
    [InlineData("calendario.expiracao", "0", "cob.calendario.expiracao")]
    [InlineData("chave", "", "cob.chave")]
    [InlineData("unknown", "x", "cob.unknown")]
    [InlineData("devedor", "{\"cpf\":\"123\",\"nome\":\"A\"}", "cob.devedor")]
    [InlineData("devedor", "{\"cpf\":\"12345678909\",\"cnpj\":\"12345678000195\",\"nome\":\"A\"}", "cob.devedor")]
    [InlineData("loc", "{\"id\":7}", "cob.loc.id")]
    public async Task Put_InvalidField_CobOperacaoInvalidaWithViolation(string field, string value, string propriedade)
    {
        var body = SimulatorFixture.CobBody();
        Set(body, field, value);

        var (status, problem) = await fixture.SendAsync(HttpMethod.Put, $"v2/cob/{SimulatorFixture.NewTxid()}", body);

        Assert.Equal(400, status);
        Assert.Equal("https://pix.bcb.gov.br/api/v2/error/CobOperacaoInvalida", (string?)problem["type"]);
        Assert.Equal("Cobrança inválida.", (string?)problem["title"]);
        Assert.Contains(problem["violacoes"]!.AsArray(), v => (string?)v!["propriedade"] == propriedade);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("abcdefghijklmnopqrstuvwxyz-123456")]
    [InlineData("abcdefghijklmnopqrstuvwxyz01234567890")]
    public async Task Put_InvalidTxid_CobOperacaoInvalida(string txid)
    {
        var (status, problem) = await fixture.SendAsync(HttpMethod.Put, $"v2/cob/{txid}", SimulatorFixture.CobBody());

        Assert.Equal(400, status);
        Assert.Equal("txid", (string?)problem["violacoes"]![0]!["propriedade"]);
    }

    [Fact]
    public async Task Put_MalformedJson_CobOperacaoInvalida()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        using var response = await fixture.Client.PutAsync(SimulatorFixture.Rel($"v2/cob/{SimulatorFixture.NewTxid()}"), content);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static void Set(JsonObject body, string path, string value)
    {
        var parts = path.Split('.');
        var target = body;
        foreach (var part in parts[..^1])
        {
            target = target[part]!.AsObject();
        }

        target[parts[^1]] = value.StartsWith('{') ? JsonNode.Parse(value) : int.TryParse(value, out var n) && path.EndsWith("expiracao", StringComparison.Ordinal) ? n : value;
    }

    [GeneratedRegex("^pix\\.psp-sim\\.example/qr/v2/[0-9a-f]{32}$")]
    private static partial Regex LocationPattern();
}
