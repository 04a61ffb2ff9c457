using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gpos.Testing;

namespace Gpos.IntegrationTests.Foundation;

/// <summary>Roles from certificates and the ops bearer token, enforced per endpoint with problem+json answers.</summary>
public sealed class AuthorizationTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private GposTestHost Host => fixture.Host;

    [Theory]
    [InlineData("merchant")]
    [InlineData("terminal")]
    [InlineData("psp")]
    public async Task OpsEndpoint_NonOpsCertificate_Returns403ProblemJson(string role)
    {
        using var certificate = role switch
        {
            "merchant" => TestPki.Merchant("m-auth"),
            "terminal" => TestPki.Terminal("t-auth", "m-auth"),
            _ => TestPki.Psp(),
        };
        using var client = Host.MtlsClient(certificate);

        var response = await client.GetAsync(new Uri("/ops/v1/status", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertProblemAsync(response, 403);
    }

    [Fact]
    public async Task OpsEndpoint_OpsCertificate_Returns200()
    {
        using var certificate = TestPki.Ops("alice");
        using var client = Host.MtlsClient(certificate);

        var response = await client.GetAsync(new Uri("/ops/v1/status", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("urn:gpos:ops:alice", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpsEndpoint_AnonymousOnBootstrapPort_Returns401ProblemJson()
    {
        using var client = Host.BootstrapClient();

        var response = await client.GetAsync(new Uri("/ops/v1/status", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertProblemAsync(response, 401);
    }

    [Fact]
    public async Task OpsEndpoint_WrongBearerToken_Returns401()
    {
        using var client = Host.BootstrapClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestPki.Pki.OpsToken + "x");

        var response = await client.GetAsync(new Uri("/ops/v1/status", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task OpsEndpoint_OpsBearerToken_Returns200()
    {
        using var client = Host.BootstrapClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestPki.Pki.OpsToken);

        var response = await client.GetAsync(new Uri("/ops/v1/status", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ProtectedEndpoint_AnonymousOnBootstrapPort_Returns401()
    {
        using var client = Host.BootstrapClient();

        var response = await client.GetAsync(new Uri("/v1/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement.Clone();
        Assert.Equal(status, root.GetProperty("status").GetInt32());
        Assert.True(root.TryGetProperty("title", out _));
        Assert.True(root.TryGetProperty("correlationId", out _), "every problem carries the correlation id");
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal); // never a stack trace
        return root;
    }
}
