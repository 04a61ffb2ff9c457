using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gpos.Testing;

namespace Gpos.Webhooks.Tests;

/// <summary>Registration input checks with the production SSRF rules (no private targets, https only), on a real host.</summary>
public sealed class RegistrationTests(StrictHost fx) : IClassFixture<StrictHost>
{
    private const string TypePrefix = "https://pix.bcb.gov.br/api/v2/error/";

    // A public address literal (TEST-NET-2): accepted without DNS, which the test machine may not have.
    private const string PublicUrl = "https://198.51.100.7/";

    public static TheoryData<string> RefusedUrls => new()
    {
        "not a url",
        "ftp://example.com/hook",
        "http://example.com/hook",            // https required outside Development
        "https://127.0.0.1/hook",             // loopback
        "https://localhost/hook",             // resolves to loopback
        "https://10.1.2.3/hook",              // RFC 1918
        "https://192.168.0.10/hook",
        "https://172.16.5.5/hook",
        "https://169.254.169.254/latest/meta-data", // link-local (cloud metadata)
        "https://[::1]/hook",
        "https://[fd00::1]/hook",             // unique local
        "https://100.64.0.1/hook",            // carrier-grade NAT
        "https://user:pass@example.com/hook", // credentials
    };

    [Theory]
    [MemberData(nameof(RefusedUrls))]
    public async Task CreateEndpoint_RefusedUrl_400Problem(string url)
    {
        using var merchant = fx.Host.MtlsClient(TestPki.Merchant("wh-reg"));
        var (response, body) = await WebhooksHost.SendAsync(merchant, HttpMethod.Post, "/v1/webhooks/endpoints",
            WebhooksHost.Json(new JsonObject { ["url"] = url, ["eventTypes"] = new JsonArray("card.sale.confirmed") }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, body["status"]!.GetValue<int>());
        Assert.Equal(0, await WebhooksHost.CountAsync(fx.Host, $"SELECT count(*) FROM webhooks.endpoints WHERE merchant_id = 'wh-reg'"));
    }

    [Theory]
    [InlineData("""{"url":"https://example.com/h","eventTypes":["card.sale.exploded"]}""")]
    [InlineData("""{"url":"https://example.com/h","eventTypes":[]}""")]
    [InlineData("""{"url":"https://example.com/h","eventTypes":["card.sale.confirmed"],"extra":1}""")]
    [InlineData("""{"eventTypes":["card.sale.confirmed"]}""")]
    public async Task CreateEndpoint_BadBody_400Problem(string json)
    {
        using var merchant = fx.Host.MtlsClient(TestPki.Merchant("wh-reg"));
        var (response, _) = await WebhooksHost.SendAsync(merchant, HttpMethod.Post, "/v1/webhooks/endpoints",
            new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CreateEndpoint_OversizedRegistration_400Problem()
    {
        using var merchant = fx.Host.MtlsClient(TestPki.Merchant("wh-reg"));
        var url = "https://example.com/" + new string('a', 5000);
        var (response, _) = await WebhooksHost.SendAsync(merchant, HttpMethod.Post, "/v1/webhooks/endpoints",
            WebhooksHost.Json(new JsonObject { ["url"] = url, ["eventTypes"] = new JsonArray("card.sale.confirmed") }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("not-a-dict-key", """{"webhookUrl":"https://example.com/pix"}""", "chave")]
    [InlineData("12345678909", """{"webhookUrl":"http://example.com/pix"}""", "webhook.webhookUrl")]
    [InlineData("12345678909", """{"webhookUrl":"https://10.0.0.1/pix"}""", "webhook.webhookUrl")]
    [InlineData("12345678909", """{"url":"https://example.com/pix"}""", "webhook")]
    [InlineData("12345678909", "[1,2]", "webhook")]
    public async Task PutPixWebhook_Invalid_WebhookOperacaoInvalida(string chave, string json, string propriedade)
    {
        using var merchant = fx.Host.MtlsClient(TestPki.Merchant("wh-reg"));
        var (response, body) = await WebhooksHost.SendAsync(merchant, HttpMethod.Put, $"/v2/webhook/{chave}",
            new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TypePrefix + "WebhookOperacaoInvalida", body["type"]!.GetValue<string>());
        Assert.Equal(propriedade, body["violacoes"]![0]!["propriedade"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutPixWebhook_KeyOfAnotherMerchant_WebhookOperacaoInvalida()
    {
        await RegisterKeyAsync("owner@loja-x.example", "wh-owner");
        using var intruder = fx.Host.MtlsClient(TestPki.Merchant("wh-intruder"));
        var (response, body) = await WebhooksHost.SendAsync(intruder, HttpMethod.Put, "/v2/webhook/owner@loja-x.example",
            WebhooksHost.Json(new JsonObject { ["webhookUrl"] = PublicUrl + "pix" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TypePrefix + "WebhookOperacaoInvalida", body["type"]!.GetValue<string>());
        Assert.Equal("chave", body["violacoes"]![0]!["propriedade"]!.GetValue<string>());
    }

    [Fact]
    public async Task PixWebhook_Lifecycle_PutGetListDelete_ScopedToMerchant()
    {
        await RegisterKeyAsync("+5511987654321", "wh-life");
        using var merchant = fx.Host.MtlsClient(TestPki.Merchant("wh-life"));
        using var other = fx.Host.MtlsClient(TestPki.Merchant("wh-other"));
        var (put, created) = await WebhooksHost.SendAsync(merchant, HttpMethod.Put, "/v2/webhook/+5511987654321",
            WebhooksHost.Json(new JsonObject { ["webhookUrl"] = PublicUrl + "pix" }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.StartsWith("whsec_", created["secret"]!.GetValue<string>(), StringComparison.Ordinal);

        var (again, replaced) = await WebhooksHost.SendAsync(merchant, HttpMethod.Put, "/v2/webhook/+5511987654321",
            WebhooksHost.Json(new JsonObject { ["webhookUrl"] = PublicUrl + "pix2" }));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Null(replaced["secret"]); // a secret is shown once

        var got = await WebhooksHost.GetJsonAsync(merchant, "/v2/webhook/+5511987654321");
        Assert.Equal(PublicUrl + "pix2", got["webhookUrl"]!.GetValue<string>());
        Assert.Equal("+5511987654321", got["chave"]!.GetValue<string>());
        Assert.NotNull(got["criacao"]);
        var list = await WebhooksHost.GetJsonAsync(merchant, "/v2/webhook");
        Assert.Single(list["webhooks"]!.AsArray());
        Assert.Equal(1, list["parametros"]!["paginacao"]!["quantidadeTotalDeItens"]!.GetValue<int>());

        var (notTheirs, problem) = await WebhooksHost.SendAsync(other, HttpMethod.Get, "/v2/webhook/+5511987654321");
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal(TypePrefix + "WebhookNaoEncontrado", problem["type"]!.GetValue<string>());
        Assert.Empty((await WebhooksHost.GetJsonAsync(other, "/v2/webhook"))["webhooks"]!.AsArray());
        var (otherDelete, _) = await WebhooksHost.SendAsync(other, HttpMethod.Delete, "/v2/webhook/+5511987654321");
        Assert.Equal(HttpStatusCode.NotFound, otherDelete.StatusCode);

        var (deleted, _) = await WebhooksHost.SendAsync(merchant, HttpMethod.Delete, "/v2/webhook/+5511987654321");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var (gone, _) = await WebhooksHost.SendAsync(merchant, HttpMethod.Get, "/v2/webhook/+5511987654321");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task ListPixWebhooks_FimBeforeInicio_WebhookConsultaInvalida()
    {
        using var merchant = fx.Host.MtlsClient(TestPki.Merchant("wh-reg"));
        var (response, body) = await WebhooksHost.SendAsync(merchant, HttpMethod.Get,
            "/v2/webhook?inicio=2026-01-02T00:00:00Z&fim=2026-01-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TypePrefix + "WebhookConsultaInvalida", body["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Endpoints_OtherMerchantsAndNonMerchants_CannotSeeOrUse()
    {
        using var owner = fx.Host.MtlsClient(TestPki.Merchant("wh-own"));
        using var other = fx.Host.MtlsClient(TestPki.Merchant("wh-notown"));
        using var terminal = fx.Host.MtlsClient(TestPki.Terminal("t-wh", "wh-own"));
        await RegisterKeyAsync("98765432100", "wh-own");
        var (put, created) = await WebhooksHost.SendAsync(owner, HttpMethod.Put, "/v2/webhook/98765432100",
            WebhooksHost.Json(new JsonObject { ["webhookUrl"] = PublicUrl + "x" }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var id = created["id"]!.GetValue<string>();

        var (get, _) = await WebhooksHost.SendAsync(other, HttpMethod.Get, $"/v1/webhooks/endpoints/{id}");
        var (rotate, _) = await WebhooksHost.SendAsync(other, HttpMethod.Post, $"/v1/webhooks/endpoints/{id}/secret");
        var (byTerminal, _) = await WebhooksHost.SendAsync(terminal, HttpMethod.Get, "/v1/webhooks/endpoints");
        var (opsByMerchant, _) = await WebhooksHost.SendAsync(owner, HttpMethod.Get, "/ops/v1/webhooks/deliveries");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, rotate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byTerminal.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, opsByMerchant.StatusCode);
    }

    [Fact]
    public async Task OpsListDeliveries_UnknownStatus_400Problem()
    {
        var (response, _) = await WebhooksHost.SendAsync(fx.Ops, HttpMethod.Get, "/ops/v1/webhooks/deliveries?status=lost");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Swagger_DocumentsTheWebhookRoutes()
    {
        using var client = fx.Host.BootstrapClient();
        var document = await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));

        Assert.Contains("/v2/webhook/{chave}", document, StringComparison.Ordinal);
        Assert.Contains("/v1/webhooks/endpoints/{id}/secret", document, StringComparison.Ordinal);
        Assert.Contains("/ops/v1/webhooks/replays", document, StringComparison.Ordinal);
    }

    private async Task RegisterKeyAsync(string chave, string merchant)
    {
        var (response, _) = await WebhooksHost.SendAsync(fx.Ops, HttpMethod.Post, "/ops/v1/pix/keys", WebhooksHost.Json(new JsonObject
        {
            ["chave"] = chave, ["merchantId"] = merchant, ["merchantName"] = "LOJA", ["merchantCity"] = "RECIFE",
        }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
