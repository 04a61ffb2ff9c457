using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gpos.Testing;

namespace Gpos.IntegrationTests.Reliability;

/// <summary>
/// The authorization matrix across tenants and roles (issue 12), through the load balancer: another merchant's
/// charge or sale is a 404 indistinguishable from one that does not exist, and a terminal certificate cannot act as
/// the PSP or as ops.
/// </summary>
public sealed class CrossTenantTests(TwoInstancesTests.Cluster cluster) : IClassFixture<TwoInstancesTests.Cluster>
{
    [Fact]
    public async Task OtherMerchantsChargeAndSale_404ExactlyLikeAnUnknownId()
    {
        var txid = "crossTenant" + Guid.NewGuid().ToString("N")[..20];
        using var owner = TestHttp.Create(cluster.Balancer.BaseAddress, TestPki.Merchant(TwoInstancesTests.Cluster.Merchant));
        using var ownerTerminal = TestHttp.Create(cluster.Balancer.BaseAddress, TestPki.Terminal("t-cross-owner", TwoInstancesTests.Cluster.Merchant));
        using var intruder = TestHttp.Create(cluster.Balancer.BaseAddress, TestPki.Merchant("m-intruder"));
        using var intruderTerminal = TestHttp.Create(cluster.Balancer.BaseAddress, TestPki.Terminal("t-intruder", "m-intruder"));

        using var charge = await owner.PutAsJsonAsync(new Uri($"/v2/cob/{txid}", UriKind.Relative), new
        {
            calendario = new { expiracao = 3600 },
            valor = new { original = "10.00" },
            chave = TwoInstancesTests.Cluster.Chave,
        });
        Assert.Equal(HttpStatusCode.Created, charge.StatusCode);
        using var saleRequest = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/card/sales", UriKind.Relative));
        saleRequest.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        saleRequest.Content = JsonContent.Create(new { amount = 1200, currency = "986", pan = "4111111111111111", expiry = "3012" });
        using var sale = await ownerTerminal.SendAsync(saleRequest);
        Assert.Equal(HttpStatusCode.Created, sale.StatusCode);
        var saleId = JsonDocument.Parse(await sale.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        // The owner sees both; the intruder (merchant backend or terminal) gets what an unknown id gets.
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(new Uri($"/v2/cob/{txid}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownerTerminal.GetAsync(new Uri($"/v1/card/sales/{saleId}", UriKind.Relative))).StatusCode);
        await AssertSameNotFoundAsync(intruder, $"/v2/cob/{txid}", "/v2/cob/unknownTxid00000000000000000001");
        await AssertSameNotFoundAsync(intruderTerminal, $"/v2/cob/{txid}", "/v2/cob/unknownTxid00000000000000000001");
        await AssertSameNotFoundAsync(intruderTerminal, $"/v1/card/sales/{saleId}", $"/v1/card/sales/{Guid.NewGuid()}");
        // Card endpoints serve terminals only: a merchant backend is refused before any lookup, for any id.
        Assert.Equal(HttpStatusCode.Forbidden, (await intruder.GetAsync(new Uri($"/v1/card/sales/{saleId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await intruder.GetAsync(new Uri($"/v1/card/sales/{Guid.NewGuid()}", UriKind.Relative))).StatusCode);

        // Nor can the intruder act on the owner's sale.
        using var undo = new HttpRequestMessage(HttpMethod.Post, new Uri($"/v1/card/sales/{saleId}/undo", UriKind.Relative));
        undo.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await intruderTerminal.SendAsync(undo)).StatusCode);
    }

    [Theory]
    [InlineData("terminal")]
    [InlineData("merchant")]
    public async Task NonPspCertificate_PostingAPspNotification_403AndNothingRecorded(string role)
    {
        using var client = TestHttp.Create(cluster.Balancer.BaseAddress,
            role == "terminal" ? TestPki.Terminal("t-fake-psp", "m-fake") : TestPki.Merchant("m-fake"));
        var e2e = "E00000000202611222359" + Guid.NewGuid().ToString("N")[..11];
        var body = new JsonObject
        {
            ["pix"] = new JsonArray(new JsonObject
            {
                ["endToEndId"] = e2e, ["txid"] = "anyTxid000000000000000000001", ["valor"] = "10.00",
                ["chave"] = TwoInstancesTests.Cluster.Chave, ["horario"] = "2026-11-22T23:59:00Z",
            }),
        };

        using var response = await client.PostAsync(new Uri("/v1/psp/webhook/pix", UriKind.Relative),
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await cluster.Database.AdminScalarAsync<long>($"SELECT count(*) FROM pix.received_pix WHERE end_to_end_id = '{e2e}'"));
    }

    private static async Task AssertSameNotFoundAsync(HttpClient client, string otherTenantPath, string unknownPath)
    {
        using var other = await client.GetAsync(new Uri(otherTenantPath, UriKind.Relative));
        using var unknown = await client.GetAsync(new Uri(unknownPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(Comparable(await unknown.Content.ReadAsStringAsync()), Comparable(await other.Content.ReadAsStringAsync()));
    }

    /// <summary>The problem document without what legitimately differs per request (correlation id, the id asked for).</summary>
    private static string Comparable(string problem)
    {
        var node = JsonNode.Parse(problem)!.AsObject();
        node.Remove("correlationId");
        node.Remove("traceId");
        node.Remove("instance");
        return node.ToJsonString();
    }
}
