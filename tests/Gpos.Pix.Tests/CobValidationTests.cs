using System.Net;
using System.Text.Json.Nodes;

namespace Gpos.Pix.Tests;

/// <summary>Every "Tag Cob" violation class gets CobOperacaoInvalida with the right violacoes, and nothing reaches the PSP.</summary>
public sealed class CobValidationTests(PixHost pix) : IClassFixture<PixHost>
{
    private const string CobOperacaoInvalida = "https://pix.bcb.gov.br/api/v2/error/CobOperacaoInvalida";

    public static TheoryData<string, string> Violations => new()
    {
        { """{"calendario":{"expiracao":0},"valor":{"original":"1.00"},"chave":"K"}""", "cob.calendario.expiracao" },
        { """{"calendario":{"expiracao":-5},"valor":{"original":"1.00"},"chave":"K"}""", "cob.calendario.expiracao" },
        { """{"calendario":{"expiracao":"3600"},"valor":{"original":"1.00"},"chave":"K"}""", "cob.calendario.expiracao" },
        { """{"calendario":{},"valor":{"original":"1.5"},"chave":"K"}""", "cob.valor.original" },
        { """{"calendario":{},"valor":{"original":"-1.00"},"chave":"K"}""", "cob.valor.original" },
        { """{"calendario":{},"valor":{"original":"0.00"},"chave":"K"}""", "cob.valor.original" },
        { """{"calendario":{},"valor":{"original":"12345678901.00"},"chave":"K"}""", "cob.valor.original" },
        { """{"calendario":{},"valor":{"original":10.00},"chave":"K"}""", "cob.valor.original" },
        { """{"calendario":{},"valor":{"original":" 1.00"},"chave":"K"}""", "cob.valor.original" },
        { """{"calendario":{},"valor":{},"chave":"K"}""", "cob.valor.original" },
        { """{"calendario":{},"chave":"K"}""", "cob.valor.original" },
        { """{"calendario":{},"valor":{"original":"1.00"}}""", "cob.chave" },
        { """{"calendario":{},"valor":{"original":"1.00"},"chave":""}""", "cob.chave" },
        { """{"calendario":{},"valor":{"original":"1.00"},"chave":"outra-chave@example.com"}""", "cob.chave" },
        { """{"calendario":{},"valor":{"original":"1.00"},"chave":"K","devedor":{"cpf":"123","nome":"A"}}""", "cob.devedor.cpf" },
        { """{"calendario":{},"valor":{"original":"1.00"},"chave":"K","devedor":{"cnpj":"12345678000","nome":"A"}}""", "cob.devedor.cnpj" },
        { """{"calendario":{},"valor":{"original":"1.00"},"chave":"K","devedor":{"cpf":"12345678909"}}""", "cob.devedor.nome" },
        { """{"calendario":{},"valor":{"original":"1.00"},"chave":"K","devedor":{"nome":"Sem documento"}}""", "cob.devedor" },
        { """{"calendario":{},"valor":{"original":"1.00"},"chave":"K","devedor":{"cpf":"12345678909","cnpj":"12345678000195","nome":"A"}}""", "cob.devedor" },
        { $$"""{"calendario":{},"valor":{"original":"1.00"},"chave":"K","solicitacaoPagador":"{{new string('x', 141)}}"}""", "cob.solicitacaoPagador" },
        { $$"""{"calendario":{},"valor":{"original":"1.00"},"chave":"K","infoAdicionais":[{"nome":"{{new string('n', 51)}}","valor":"v"}]}""", "cob.infoAdicionais[0].nome" },
        { $$"""{"calendario":{},"valor":{"original":"1.00"},"chave":"K","infoAdicionais":[{"nome":"n","valor":"{{new string('v', 201)}}"}]}""", "cob.infoAdicionais[0].valor" },
        { """{"calendario":{},"valor":{"original":"1.00"},"chave":"K","infoAdicionais":[{"nome":"n"}]}""", "cob.infoAdicionais[0]" },
        { """{"calendario":{},"valor":{"original":"1.00"},"chave":"K","infoAdicionais":{"nome":"n","valor":"v"}}""", "cob.infoAdicionais" },
        { """{"calendario":{},"valor":{"original":"1.00"},"chave":"K","loc":{"id":1}}""", "cob.loc" },
        { """{"calendario":{},"valor":{"original":"1.00"},"chave":"K","status":"CONCLUIDA"}""", "cob.status" },
        { """{"calendario":{},"valor":{"original":"1.00"},"chave":"K","desconhecido":1}""", "cob.desconhecido" },
        { """{"calendario":{"expiracao":60,"extra":1},"valor":{"original":"1.00"},"chave":"K"}""", "cob.calendario.extra" },
        { """[1,2]""", "cob" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task PutCob_TagCobViolation_CobOperacaoInvalidaNamingTheProperty(string body, string propriedade)
    {
        var txid = PixHost.NewTxid();

        var (response, problem) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Put, $"/v2/cob/{txid}",
            PixHost.Raw(body.Replace("\"K\"", $"\"{PixHost.ChaveA}\"", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(CobOperacaoInvalida, problem["type"]!.GetValue<string>());
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.Contains(problem["violacoes"]!.AsArray(), v => v!["propriedade"]!.GetValue<string>() == propriedade);
        Assert.All(problem["violacoes"]!.AsArray(), v => Assert.False(string.IsNullOrEmpty(v!["razao"]!.GetValue<string>())));
        Assert.Equal(0, await pix.PspCallsAsync("PUT /cob/{txid}", txid));
        Assert.Equal(0, await pix.CountAsync($"SELECT count(*) FROM pix.charges WHERE txid = '{txid}'"));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("abcdefghijklmnopqrstuvwxy")] // 25
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789")] // 36
    [InlineData("abcdefghijklmnopqrstuvwxyz-12")]
    [InlineData("abcdefghijklmnopqrstuvwxyz%C3%A912")] // é
    public async Task PutCob_TxidOutsidePattern_CobOperacaoInvalida(string txid)
    {
        var (response, problem) = await pix.PutCobAsync(txid, PixHost.CobBody());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(CobOperacaoInvalida, problem["type"]!.GetValue<string>());
        Assert.Contains(problem["violacoes"]!.AsArray(), v => v!["propriedade"]!.GetValue<string>() == "cob.txid");
    }

    [Fact]
    public async Task PutCob_SeveralViolations_EveryOneReported()
    {
        var (response, problem) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Put, $"/v2/cob/{PixHost.NewTxid()}",
            PixHost.Raw("""{"calendario":{"expiracao":0},"valor":{"original":"1.5"},"chave":"","solicitacaoPagador":7}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var properties = problem["violacoes"]!.AsArray().Select(v => v!["propriedade"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "cob.calendario.expiracao", "cob.valor.original", "cob.chave", "cob.solicitacaoPagador" }, properties);
    }

    [Fact]
    public async Task PutCob_MalformedJson_400NothingRecorded()
    {
        var txid = PixHost.NewTxid();

        var (response, problem) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Put, $"/v2/cob/{txid}", PixHost.Raw("{\"calendario\":"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("https://pix.bcb.gov.br/api/v2/error/RequisicaoInvalida", problem["type"]!.GetValue<string>());
        Assert.Equal(0, await pix.CountAsync($"SELECT count(*) FROM pix.charges WHERE txid = '{txid}'"));
    }

    [Fact]
    public async Task PatchCob_RemoveAndEditAtOnce_CobOperacaoInvalida()
    {
        var txid = PixHost.NewTxid();
        await pix.PutCobAsync(txid, PixHost.CobBody());

        var (response, problem) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Patch, $"/v2/cob/{txid}", PixHost.Json(new JsonObject
        {
            ["status"] = "REMOVIDA_PELO_USUARIO_RECEBEDOR",
            ["valor"] = new JsonObject { ["original"] = "2.00" },
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(CobOperacaoInvalida, problem["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cob_CallerWithoutMerchantOrTerminalCertificate_403()
    {
        using var psp = pix.Host.MtlsClient(Gpos.Testing.TestPki.Psp());

        var (response, _) = await pix.PutCobAsync(PixHost.NewTxid(), PixHost.CobBody(), psp);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
