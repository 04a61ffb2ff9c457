using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Gpos.Testing;
using Xunit.Abstractions;

namespace Gpos.IntegrationTests.Reliability;

/// <summary>
/// Hostile input against the JSON APIs (issue 12): valid bodies mutated field by field with boundary and wrong-typed
/// values, fields removed, unknown fields added. Whatever arrives, GPOS answers 2xx, or 4xx problem+json; never a 5xx,
/// never a hang. Seeded: a failure names its seed and body (GPOS_FUZZ_SEED reproduces it, GPOS_FUZZ_ITERATIONS scales it).
/// </summary>
public sealed class ApiFuzzTests(TwoInstancesTests.Cluster cluster, ITestOutputHelper output) : IClassFixture<TwoInstancesTests.Cluster>
{
    private static readonly JsonNode?[] Hostile =
    [
        null, "", " ", new string('9', 10_000), "\u0000", "💥", "-1", "0", "1.5", "-1.00", "0.00", "1e309", "NaN",
        "9223372036854775807", "99999999999999999999.99", -1, 0, 9_223_372_036_854_775_807L, 1.5, true, false,
        new JsonArray(), new JsonObject(), new JsonArray(1, 2, 3), new JsonObject { ["a"] = new JsonObject { ["b"] = 1 } },
        "2026-13-45T99:99:99Z", "../../etc/passwd", "' OR 1=1 --", "<script>alert(1)</script>",
    ];

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("GPOS_FUZZ_SEED"), out var seed) ? seed : 20261123;

    private static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("GPOS_FUZZ_ITERATIONS"), out var n) && n > 0
        ? Math.Min(n, 100_000) : 400;

    [Fact]
    public async Task PutCob_MutatedBodies_Never5xx_ErrorsAreProblemJson()
    {
        using var merchant = TestHttp.Create(cluster.A.MtlsBase, TestPki.Merchant(TwoInstancesTests.Cluster.Merchant));
        var valid = JsonNode.Parse($$"""
            {"calendario":{"expiracao":3600},"devedor":{"cpf":"12345678909","nome":"Francisco da Silva"},
             "valor":{"original":"12.34","modalidadeAlteracao":0},"chave":"{{TwoInstancesTests.Cluster.Chave}}",
             "solicitacaoPagador":"Pedido 1","infoAdicionais":[{"nome":"loja","valor":"1"}]}
            """)!.AsObject();

        await FuzzAsync(valid, body => merchant.PutAsync(new Uri($"/v2/cob/fuzz{Guid.NewGuid().ToString("N")[..28]}", UriKind.Relative), Json(body)));
    }

    [Fact]
    public async Task PutCob_NulCharacterInAText_400ProblemJsonNotAnOutage()
    {
        // Found by the fuzzer: PostgreSQL refuses U+0000 in text; that is the caller's value (400), not a 503 outage.
        using var merchant = TestHttp.Create(cluster.A.MtlsBase, TestPki.Merchant(TwoInstancesTests.Cluster.Merchant));
        var txid = "nul" + Guid.NewGuid().ToString("N")[..28];
        var body = new JsonObject
        {
            ["calendario"] = new JsonObject { ["expiracao"] = 3600 },
            ["valor"] = new JsonObject { ["original"] = "1.00" },
            ["chave"] = TwoInstancesTests.Cluster.Chave,
            ["solicitacaoPagador"] = "Pedido \u0000 1",
        };

        using var response = await merchant.PutAsync(new Uri($"/v2/cob/{txid}", UriKind.Relative), Json(body));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Headers.RetryAfter);
        Assert.Equal(0, await cluster.Database.AdminScalarAsync<long>($"SELECT count(*) FROM pix.charges WHERE txid = '{txid}'"));
    }

    [Fact]
    public async Task PostCardSale_MutatedBodies_Never5xx_ErrorsAreProblemJson()
    {
        using var terminal = TestHttp.Create(cluster.A.MtlsBase, TestPki.Terminal("t-fuzz", TwoInstancesTests.Cluster.Merchant));
        var valid = JsonNode.Parse("""
            {"amount":1200,"currency":"986","pan":"4111111111111111","expiry":"3012","entryMode":"051","installments":1}
            """)!.AsObject();

        await FuzzAsync(valid, body =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/card/sales", UriKind.Relative)) { Content = Json(body) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return terminal.SendAsync(request);
        });
    }

    [Fact]
    public async Task PspWebhook_MutatedBatches_Never5xx_ErrorsAreProblemJson()
    {
        using var psp = TestHttp.Create(cluster.A.MtlsBase, TestPki.Psp());
        var valid = JsonNode.Parse("""
            {"pix":[{"endToEndId":"E0000000020261123000000000000001","txid":"fuzzTxid0000000000000000000001","valor":"10.00",
                     "chave":"CHAVE","horario":"2026-11-23T00:00:00Z","infoPagador":"x",
                     "devolucoes":[{"id":"d1","rtrId":"D0000000020261123000000000000001","valor":"1.00","status":"DEVOLVIDO",
                                    "horario":{"solicitacao":"2026-11-23T00:00:00Z"}}]}]}
            """.Replace("CHAVE", TwoInstancesTests.Cluster.Chave, StringComparison.Ordinal))!.AsObject();

        await FuzzAsync(valid, body => psp.PostAsync(new Uri("/v1/psp/webhook/pix", UriKind.Relative), Json(body)));
    }

    private async Task FuzzAsync(JsonObject valid, Func<JsonObject, Task<HttpResponseMessage>> send)
    {
        // The starting point must be valid, or every mutation would only test the same first error.
        using (var baseline = await send((JsonObject)valid.DeepClone()))
        {
            Assert.True(baseline.IsSuccessStatusCode, $"the unmutated body got {(int)baseline.StatusCode}: {await baseline.Content.ReadAsStringAsync()}");
        }

        var random = new Random(Seed);
        var statuses = new SortedDictionary<int, int>();
        for (var i = 0; i < Iterations; i++)
        {
            var body = (JsonObject)valid.DeepClone();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                Mutate(body, random);
            }

            using var response = await send(body);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var what = $"seed {Seed}, iteration {i}, status {status}, body {body.ToJsonString()[..Math.Min(400, body.ToJsonString().Length)]}";
            Assert.True(status < 500, what);
            if (status >= 400)
            {
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", what);
            }
        }

        output.WriteLine($"{Iterations} bodies, seed {Seed}: " +
                         string.Join(", ", statuses.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} ×{s.Value}"))));
        Assert.Contains(statuses.Keys, s => s is >= 400 and < 500); // the mutations do reach validation
    }

    /// <summary>Replaces, removes or adds one member somewhere in the tree.</summary>
    private static void Mutate(JsonObject root, Random random)
    {
        var objects = Objects(root).ToList();
        var target = objects[random.Next(objects.Count)];
        var names = target.Select(p => p.Key).ToList();
        switch (random.Next(10))
        {
            case 0:
                target["unknownField" + random.Next(100)] = 1;
                break;
            case 1 when names.Count > 0:
                target.Remove(names[random.Next(names.Count)]);
                break;
            default:
                if (names.Count > 0)
                {
                    target[names[random.Next(names.Count)]] = Hostile[random.Next(Hostile.Length)]?.DeepClone();
                }

                break;
        }
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var (_, child) in o)
                {
                    foreach (var inner in Objects(child))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    foreach (var inner in Objects(child))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
