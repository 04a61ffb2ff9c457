using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Gpos.Testing;

namespace Gpos.IntegrationTests.Foundation;

/// <summary>
/// Malformed JSON, wrong content type, oversized body, unknown fields, failed validation: each is problem+json with
/// the right status, and nothing is written (the revocation endpoint is the write under test).
/// </summary>
public sealed class BadRequestTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private GposTestHost Host => fixture.Host;

    public static TheoryData<string, string, string, int> BadBodies => new()
    {
        { "malformed json", "application/json", "{\"reason\": ", 400 },
        { "not an object", "application/json", "[1,2,3]", 400 },
        { "unknown field", "application/json", "{\"reason\":\"x\",\"sneaky\":true}", 400 },
        { "validation: empty reason", "application/json", "{\"reason\":\"\"}", 400 },
        { "validation: reason too long", "application/json", "{\"reason\":\"" + new string('r', 201) + "\"}", 400 },
        { "wrong content type", "text/plain", "{\"reason\":\"x\"}", 415 },
        { "oversized body", "application/json", "{\"reason\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", 413 },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Revoke_BadBody_ProblemJsonAndNothingWritten(string because, string contentType, string body, int status)
    {
        using var client = Host.MtlsClient(TestPki.Ops());
        // As a careful client sends a large body: the server can refuse it on its headers, before any upload, instead
        // of resetting the connection mid-upload (which the client would see as a socket error, not a 413).
        client.DefaultRequestHeaders.ExpectContinue = true;
        var serial = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        var response = await client.PutAsync(new Uri($"/ops/v1/certificates/{serial}/revocation", UriKind.Relative), content);

        Assert.True(status == (int)response.StatusCode, $"{because}: expected {status}, got {(int)response.StatusCode}");
        await AuthorizationTests.AssertProblemAsync(response, status);
        var written = await Host.Database.AdminScalarAsync<long>(
            $"SELECT count(*) FROM terminals.certificate_revocations WHERE serial_number = '{serial}'");
        Assert.Equal(0, written);
    }

    [Fact]
    public async Task Revoke_ValidationFailure_NamesTheField()
    {
        using var client = Host.MtlsClient(TestPki.Ops());
        using var content = new StringContent("{\"reason\":\"\"}", Encoding.UTF8, "application/json");

        var response = await client.PutAsync(new Uri("/ops/v1/certificates/ABCDEF/revocation", UriKind.Relative), content);

        var problem = await AuthorizationTests.AssertProblemAsync(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Reason", out _));
    }

    [Fact]
    public async Task Revoke_BadSerial_Returns400()
    {
        using var client = Host.MtlsClient(TestPki.Ops());
        using var content = new StringContent("{\"reason\":\"x\"}", Encoding.UTF8, "application/json");

        var response = await client.PutAsync(new Uri("/ops/v1/certificates/not-hex!/revocation", UriKind.Relative), content);

        await AuthorizationTests.AssertProblemAsync(response, 400);
    }

    [Fact]
    public async Task Revoke_Twice_IsIdempotent()
    {
        using var client = Host.MtlsClient(TestPki.Ops());
        var serial = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        for (var i = 0; i < 2; i++)
        {
            using var content = new StringContent("{\"reason\":\"lost\"}", Encoding.UTF8, "application/json");
            var response = await client.PutAsync(new Uri($"/ops/v1/certificates/{serial}/revocation", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, await Host.Database.AdminScalarAsync<long>(
            $"SELECT count(*) FROM terminals.certificate_revocations WHERE serial_number = '{serial}'"));
    }

    [Fact]
    public async Task UnknownRoute_Returns404ProblemJson()
    {
        using var client = Host.MtlsClient(TestPki.Ops());

        var response = await client.GetAsync(new Uri("/no/such/thing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AuthorizationTests.AssertProblemAsync(response, 404);
    }
}
