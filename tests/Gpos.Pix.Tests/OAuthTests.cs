using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Gpos.Testing;

namespace Gpos.Pix.Tests;

/// <summary>
/// API Pix clients: OAuth2 client credentials over mTLS, tokens bound to the client certificate (RFC 8705), scopes per
/// endpoint; the certificate alone keeps working for terminals and merchants.
/// </summary>
public sealed class OAuthTests(PixHost pix) : IClassFixture<PixHost>
{
    [Fact]
    public async Task Token_OverMtls_CallsWithTokenAndRefusedWithAnotherCertificate()
    {
        using var merchant = await TestMerchant.CreateAsync(pix);
        var (status, token) = await RequestTokenAsync(merchant.Client, "grant_type=client_credentials&scope=cob.read cob.write pix.read");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", token["token_type"]!.GetValue<string>());
        Assert.Equal(3600, token["expires_in"]!.GetValue<long>());
        Assert.Equal("cob.read cob.write pix.read", token["scope"]!.GetValue<string>());
        var accessToken = token["access_token"]!.GetValue<string>();

        var txid = PixHost.NewTxid();
        var (created, cob) = await WithTokenAsync(merchant.Client, accessToken, HttpMethod.Put, $"/v2/cob/{txid}",
            PixHost.Json(PixHost.CobBody("3.00", merchant.Chave)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await OfficialSchemas.AssertAsync("CobGerada", cob);
        var (read, _) = await WithTokenAsync(merchant.Client, accessToken, HttpMethod.Get, $"/v2/cob/{txid}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        using var sameMerchantOtherCertificate = pix.Host.MtlsClient(TestPki.Merchant(merchant.Id));
        using var otherMerchant = pix.Host.MtlsClient(TestPki.Merchant(PixHost.MerchantB));
        foreach (var client in new[] { sameMerchantOtherCertificate, otherMerchant })
        {
            var (refused, problem) = await WithTokenAsync(client, accessToken, HttpMethod.Get, $"/v2/cob/{txid}");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(PixHost.ErrorType("AcessoNegado"), problem["type"]!.GetValue<string>());
            Assert.Contains("invalid_token", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            await OfficialSchemas.AssertAsync("Problema", problem);
        }
    }

    [Fact]
    public async Task Token_MissingScope_403AcessoNegado()
    {
        using var merchant = await TestMerchant.CreateAsync(pix);
        var (_, token) = await RequestTokenAsync(merchant.Client, "grant_type=client_credentials&scope=cob.read");
        var accessToken = token["access_token"]!.GetValue<string>();

        var (write, problem) = await WithTokenAsync(merchant.Client, accessToken, HttpMethod.Put, $"/v2/cob/{PixHost.NewTxid()}",
            PixHost.Json(PixHost.CobBody("3.00", merchant.Chave)));
        var (pixRead, _) = await WithTokenAsync(merchant.Client, accessToken, HttpMethod.Get, $"/v2/pix/E12345678{Guid.NewGuid().ToString("N")[..23]}");
        var (refund, _) = await WithTokenAsync(merchant.Client, accessToken, HttpMethod.Put,
            $"/v2/pix/E12345678{Guid.NewGuid().ToString("N")[..23]}/devolucao/d1", PixHost.Raw("""{"valor":"1.00"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(PixHost.ErrorType("AcessoNegado"), problem["type"]!.GetValue<string>());
        Assert.Contains("insufficient_scope", write.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await OfficialSchemas.AssertAsync("Problema", problem);
        Assert.Equal(HttpStatusCode.Forbidden, pixRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refund.StatusCode);
        Assert.Equal(0, await pix.CountAsync($"SELECT count(*) FROM pix.charges WHERE merchant_id = '{merchant.Id}'"));
    }

    [Fact]
    public async Task Token_TamperedOrGarbage_401()
    {
        using var merchant = await TestMerchant.CreateAsync(pix);
        var (_, token) = await RequestTokenAsync(merchant.Client, "grant_type=client_credentials");
        var accessToken = token["access_token"]!.GetValue<string>();
        var tampered = accessToken[..^2] + (accessToken[^2] == 'A' ? "BA" : "AA");

        var (bad, _) = await WithTokenAsync(merchant.Client, tampered, HttpMethod.Get, $"/v2/cob/{PixHost.NewTxid()}");
        var (garbage, _) = await WithTokenAsync(merchant.Client, "a.b.c", HttpMethod.Get, $"/v2/cob/{PixHost.NewTxid()}");

        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
    }

    [Theory]
    [InlineData("grant_type=password&username=a&password=b", HttpStatusCode.BadRequest, "unsupported_grant_type")]
    [InlineData("grant_type=client_credentials&scope=cob.read admin", HttpStatusCode.BadRequest, "invalid_scope")]
    [InlineData("grant_type=client_credentials&client_id=someone-else", HttpStatusCode.Unauthorized, "invalid_client")]
    public async Task TokenRequest_Invalid_Rfc6749Error(string form, HttpStatusCode expected, string error)
    {
        using var merchant = await TestMerchant.CreateAsync(pix);

        var (status, body) = await RequestTokenAsync(merchant.Client, form);

        Assert.Equal(expected, status);
        Assert.Equal(error, body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task TokenRequest_TerminalCertificate_InvalidClient_ButCertificateAloneStillWorks()
    {
        using var merchant = await TestMerchant.CreateAsync(pix);
        using var terminal = pix.Host.MtlsClient(TestPki.Terminal("t-oauth", merchant.Id));

        var (status, body) = await RequestTokenAsync(terminal, "grant_type=client_credentials");
        var (created, _) = await pix.PutCobAsync(PixHost.NewTxid(), PixHost.CobBody("2.00", merchant.Chave), terminal);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    internal static async Task<(HttpStatusCode Status, JsonObject Body)> RequestTokenAsync(HttpClient client, string form)
    {
        using var content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        var (response, body) = await PixHost.SendAsync(client, HttpMethod.Post, "/oauth/token", content);
        using (response)
        {
            return (response.StatusCode, body);
        }
    }

    internal static async Task<(HttpResponseMessage Response, JsonObject Body)> WithTokenAsync(HttpClient client, string token, HttpMethod method,
        string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? []);
    }
}

/// <summary>A host whose access tokens live one second.</summary>
public sealed class ShortTokenPixHost : PixHost
{
    protected override IDictionary<string, string?> PixSettings
    {
        get
        {
            var settings = base.PixSettings;
            settings["Gpos:OAuth:TokenLifetime"] = "00:00:01";
            return settings;
        }
    }
}

public sealed class OAuthExpiryTests(ShortTokenPixHost pix) : IClassFixture<ShortTokenPixHost>
{
    [Fact]
    public async Task Token_Expired_401()
    {
        using var merchant = await TestMerchant.CreateAsync(pix);
        var (_, token) = await OAuthTests.RequestTokenAsync(merchant.Client, "grant_type=client_credentials&scope=cob.read");
        var accessToken = token["access_token"]!.GetValue<string>();
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var (response, problem) = await OAuthTests.WithTokenAsync(merchant.Client, accessToken, HttpMethod.Get, $"/v2/cob/{PixHost.NewTxid()}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await OfficialSchemas.AssertAsync("Problema", problem);
    }
}
