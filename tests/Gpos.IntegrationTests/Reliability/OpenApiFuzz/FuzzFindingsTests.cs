using System.Text;
using Gpos.IntegrationTests.Foundation;
using Gpos.Testing;

namespace Gpos.IntegrationTests.Reliability.OpenApiFuzz;

/// <summary>
/// Regression tests for what the OpenAPI fuzzer found (<see cref="OpenApiFuzzTests"/>): each request once answered 500.
/// A hostile value is the caller's error: 400 problem+json, and nothing written.
/// </summary>
public sealed class FuzzFindingsTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private GposTestHost Host => fixture.Host;

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "grant_type=a%00b&client_id=m-findings")]
    [InlineData("multipart/form-data; boundary=x", "grant_type=client_credentials")]
    public async Task OAuthToken_MalformedForm_400NotAServerError(string contentType, string body)
    {
        // A NUL in a form field made the form reader throw InvalidDataException, a multipart body without its boundary
        // IOException: both once answered 500.
        using var merchant = Host.MtlsClient(TestPki.Merchant("m-findings"));
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await merchant.PostAsync(new Uri("/oauth/token", UriKind.Relative), content);

        // RFC 6749 §5.2: the token endpoint's errors are {"error": …} (application/json), not problem+json.
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"invalid_request\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ops/v1/terminals")]
    [InlineData("/v1/terminals")]
    public async Task RegisterTerminal_NulCharacterInTheModel_400ProblemJsonAndNoRow(string path)
    {
        // EF Core wraps PostgreSQL's 22021 (NUL in text) in a DbUpdateException, which once answered 500.
        using var client = path.StartsWith("/ops/", StringComparison.Ordinal) ? Host.MtlsClient(TestPki.Ops()) : Host.MtlsClient(TestPki.Merchant("m-findings"));
        var serial = "nul-" + Guid.NewGuid().ToString("N")[..12];
        using var content = new StringContent(
            $$"""{"serialNumber":"{{serial}}","model":"a\u0000b","merchantId":"m-findings","attestationRequired":false}""", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);

        await Foundation.AuthorizationTests.AssertProblemAsync(response, 400);
        Assert.Null(response.Headers.RetryAfter);
        Assert.Equal(0, await Host.Database.AdminScalarAsync<long>($"SELECT count(*) FROM terminals.terminals WHERE serial_number = '{serial}'"));
    }

    [Theory]
    [InlineData("{\"pix\":[],\"pix\":[]}")]
    [InlineData("{\"pix\":[{\"endToEndId\":\"E1\",\"endToEndId\":\"E2\",\"valor\":\"1.00\",\"horario\":\"2026-11-23T00:00:00Z\"}]}")]
    public async Task PspWebhook_DuplicateMembers_400ProblemJson(string body)
    {
        using var psp = Host.MtlsClient(TestPki.Psp());
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await psp.PostAsync(new Uri("/v1/psp/webhook", UriKind.Relative), content);

        await Foundation.AuthorizationTests.AssertProblemAsync(response, 400);
        Assert.Equal(0, await Host.Database.AdminScalarAsync<long>("SELECT count(*) FROM pix.received_pix"));
    }

    [Fact]
    public async Task PutPixWebhook_DuplicateMembers_400ProblemJson()
    {
        using var merchant = Host.MtlsClient(TestPki.Merchant("m-findings"));
        using var content = new StringContent("{\"webhookUrl\":\"https://a.example/x\",\"webhookUrl\":\"https://b.example/x\"}", Encoding.UTF8, "application/json");

        using var response = await merchant.PutAsync(new Uri("/v2/webhook/findings%40merchant.example", UriKind.Relative), content);

        await Foundation.AuthorizationTests.AssertProblemAsync(response, 400);
        Assert.Equal(0, await Host.Database.AdminScalarAsync<long>("SELECT count(*) FROM webhooks.endpoints"));
    }

    [Theory]
    [InlineData("{\"url\":\"https://merchant.example/hooks\"}")]
    [InlineData("{\"url\":\"https://merchant.example/hooks\",\"eventTypes\":null}")]
    [InlineData("{}")]
    public async Task CreateWebhookEndpoint_NoEventTypes_400ProblemJsonNamingTheField(string body)
    {
        using var merchant = Host.MtlsClient(TestPki.Merchant("m-findings"));
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await merchant.PostAsync(new Uri("/v1/webhooks/endpoints", UriKind.Relative), content);

        var problem = await Foundation.AuthorizationTests.AssertProblemAsync(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("EventTypes", out _), problem.ToString());
        Assert.Equal(0, await Host.Database.AdminScalarAsync<long>("SELECT count(*) FROM webhooks.endpoints"));
    }

    [Theory]
    [InlineData("application/json; charset=nonsense", 415)]
    [InlineData("application/json; charset=utf-16", 415)]
    [InlineData("application/json; charset=\"UTF-8\"", 201)]
    [InlineData("application/json; charset=utf8", 201)]
    [InlineData("application/json", 201)]
    public async Task RegisterTerminal_CharsetOtherThanUtf8_415ProblemJsonAndNoRow(string contentType, int status)
    {
        // An unknown charset once made the framework's JSON binding throw: 500 on every typed-body endpoint.
        using var ops = Host.MtlsClient(TestPki.Ops());
        var serial = "charset-" + Guid.NewGuid().ToString("N")[..12];
        using var content = new StringContent(
            $$"""{"serialNumber":"{{serial}}","model":"M1","merchantId":"m-findings","attestationRequired":false}""", Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await ops.PostAsync(new Uri("/ops/v1/terminals", UriKind.Relative), content);

        Assert.True(status == (int)response.StatusCode, $"{contentType}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (status == 415)
        {
            await Foundation.AuthorizationTests.AssertProblemAsync(response, 415);
        }

        Assert.Equal(status == 201 ? 1 : 0, await Host.Database.AdminScalarAsync<long>($"SELECT count(*) FROM terminals.terminals WHERE serial_number = '{serial}'"));
    }

    [Fact]
    public async Task RevokeCertificate_OddNumberOfHexDigits_400AndTheCrlStaysAvailable()
    {
        // "1E309" (odd length) was accepted; from then on every GET /v1/pki/crl failed with 500 on Convert.FromHexString.
        using var ops = Host.MtlsClient(TestPki.Ops());
        using var body = new StringContent("{\"reason\":\"fuzz\"}", Encoding.UTF8, "application/json");

        using var revoke = await ops.PutAsync(new Uri("/ops/v1/certificates/1e309/revocation", UriKind.Relative), body);

        await Foundation.AuthorizationTests.AssertProblemAsync(revoke, 400);
        Assert.Equal(0, await Host.Database.AdminScalarAsync<long>("SELECT count(*) FROM terminals.certificate_revocations WHERE serial_number = '1E309'"));

        // A row stored by an earlier version stays (append-only): the CRL leaves it out instead of failing.
        await Host.Database.AdminExecuteAsync("""
            INSERT INTO terminals.certificate_revocations (serial_number, revoked_at, reason, revoked_by)
            VALUES ('ABC', now(), 'stored before the fix', 'urn:gpos:ops:test')
            """);
        using var anonymous = Host.BootstrapClient();
        using var crl = await anonymous.GetAsync(new Uri("/v1/pki/crl", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, crl.StatusCode);
        Assert.Equal("application/pkix-crl", crl.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("POST", "/v1/card/sales", "{\"amount\":", 400)]
    [InlineData("GET", "/v1/no-such-route", null, 404)]
    [InlineData("GET", "/ops/v1/status", null, 401)]
    public async Task Error_AcceptWithoutJson_StillProblemJson(string method, string path, string? body, int status)
    {
        // An API has no HTML or XML error page: a caller that accepts only text/html gets the problem document anyway,
        // not an empty body (the exception handler's problem writer declined non-JSON Accept headers).
        using var terminal = Host.MtlsClient(TestPki.Terminal("t-findings", "m-findings"));
        using var anonymous = Host.BootstrapClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept", "text/html");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await (status == 401 ? anonymous : terminal).SendAsync(request);

        await Foundation.AuthorizationTests.AssertProblemAsync(response, status);
    }
}
