using System.Net;
using Gpos.Cards.Tests.Infrastructure;
using Gpos.Testing;
using Npgsql;
using static Gpos.Cards.Tests.Infrastructure.CardsApi;

namespace Gpos.Cards.Tests;

/// <summary>Idempotency-Key semantics, bad input, and card data protection (issue 9, "Bad input" and "Done when").</summary>
public sealed class CardRequestTests(CardsFixture fixture) : IClassFixture<CardsFixture>
{
    private GposTestHost Host => fixture.Environment.Host;

    [Fact]
    public async Task SameKeySameBody_ReplaysTheStoredOutcome_WithoutASecondAuthorization()
    {
        using var client = Terminal(Host, NewTerminalId());
        var key = Guid.NewGuid().ToString();

        using var first = await SaleAsync(client, 7000, key: key);
        using var second = await SaleAsync(client, 7000, key: key);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        var rrn = (await JsonAsync(first)).GetProperty("rrn").GetString();
        Assert.Single(fixture.Environment.Simulator.GetMessages(100_000), m => m.Rrn == rrn);
    }

    [Fact]
    public async Task SameKeyDifferentBody_Is422()
    {
        using var client = Terminal(Host, NewTerminalId());
        var key = Guid.NewGuid().ToString();
        (await SaleAsync(client, 7100, key: key)).Dispose();

        using var second = await SaleAsync(client, 7200, key: key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SameKeyWhileInFlight_Is409()
    {
        using var client = Terminal(Host, NewTerminalId());
        var key = Guid.NewGuid().ToString();

        var slow = SaleAsync(client, 7398, key: key); // never answered: held for the request timeout
        await Task.Delay(300);
        using var concurrent = await SaleAsync(client, 7398, key: key);
        using var first = await slow;

        Assert.Equal(HttpStatusCode.Conflict, concurrent.StatusCode);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
    }

    [Fact]
    public async Task SameKeyConcurrentConfirmations_ConfirmOnce_AndEveryCallerGetsTheFirstResponse()
    {
        using var client = Terminal(Host, NewTerminalId());
        using var sale = await SaleAsync(client, 7010);
        var id = (await JsonAsync(sale)).GetProperty("id").GetString();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6)
            .Select(_ => PostAsync(client, $"/v1/card/sales/{id}/confirmation", null, key)));

        try
        {
            // The duplicates wait on the first request's uncommitted claim, then read the response it stored.
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
            Assert.Single(bodies.Distinct(StringComparer.Ordinal));
            Assert.Equal("confirmed", (await JsonAsync(responses[0])).GetProperty("status").GetString());
            Assert.Equal(5, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
            Assert.Equal(1L, await Host.Database.AdminScalarAsync<long>($"SELECT count(*) FROM cards.confirmations WHERE sale_id = '{id}'"));
            Assert.Equal("posted", await HoldOutcomeAsync(Host, id!));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task StoredResponses_AreCompleteOnceTheCallsAnswered()
    {
        var terminalId = NewTerminalId();
        using var client = Terminal(Host, terminalId);
        using var sale = await SaleAsync(client, 7020);
        var id = (await JsonAsync(sale)).GetProperty("id").GetString();
        using var undo = await PostAsync(client, $"/v1/card/sales/{id}/undo", null);
        using var unknown = await PostAsync(client, $"/v1/card/sales/{Guid.NewGuid()}/confirmation", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // Each response is stored by the transaction that recorded its outcome: no claim is left without one.
        Assert.Equal(3L, await Host.Database.AdminScalarAsync<long>(
            $"SELECT count(*) FROM cards.idempotency_keys WHERE terminal_id = '{terminalId}' AND completed_at IS NOT NULL"));
        Assert.Equal(0L, await Host.Database.AdminScalarAsync<long>(
            $"SELECT count(*) FROM cards.idempotency_keys WHERE terminal_id = '{terminalId}' AND completed_at IS NULL"));
        Assert.Equal(await undo.Content.ReadAsStringAsync(), await Host.Database.AdminScalarAsync<string>(
            $"SELECT response FROM cards.idempotency_keys WHERE terminal_id = '{terminalId}' AND status_code = 200"));
    }

    [Fact]
    public async Task MissingIdempotencyKey_Is400()
    {
        using var client = Terminal(Host, NewTerminalId());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/card/sales", UriKind.Relative))
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { amount = 100, currency = "986", pan = Visa, expiry = Expiry }),
        };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string, object> BadRequests => new()
    {
        { "Pan", new { amount = 100, currency = "986", pan = "4111111111111112", expiry = Expiry } },
        { "Expiry", new { amount = 100, currency = "986", pan = Visa, expiry = "2001" } },
        { "Expiry", new { amount = 100, currency = "986", pan = Visa, expiry = "3013" } },
        { "Amount", new { amount = 0, currency = "986", pan = Visa, expiry = Expiry } },
        { "Amount", new { amount = -5, currency = "986", pan = Visa, expiry = Expiry } },
        { "Amount", new { amount = 1_000_000_000_000, currency = "986", pan = Visa, expiry = Expiry } },
        { "Currency", new { amount = 100, currency = "840", pan = Visa, expiry = Expiry } },
        { "Track2", new { amount = 100, currency = "986", track2 = "4111111111111111X3012101" } },
        { "Track2", new { amount = 100, currency = "986", track2 = "4111111111111112=3012101" } },
        { "Emv", new { amount = 100, currency = "986", pan = Visa, expiry = Expiry, emv = "9F0206000000" } },
        { "Emv", new { amount = 100, currency = "986", pan = Visa, expiry = Expiry, emv = "ZZ" } },
        { "PinBlock", new { amount = 100, currency = "986", pan = Visa, expiry = Expiry, pinBlock = "1234" } },
        { "card", new { amount = 100, currency = "986" } },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadInput_Is400ProblemNamingTheField(string field, object body)
    {
        using var client = Terminal(Host, NewTerminalId());

        using var response = await PostAsync(client, "/v1/card/sales", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(),
            p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task CardData_NeverInDatabaseOrLogs()
    {
        using var client = Terminal(Host, NewTerminalId());
        const string trackPan = "5555555555554444";
        const string track2 = trackPan + "=30121015432112345678";
        const string pinBlock = "0123456789ABCDEF";
        const string emv = "9F02060000000081009F260811223344556677889F3704A1B2C3D4";

        using var withTrack = await PostAsync(client, "/v1/card/sales",
            new { amount = 8100, currency = "986", track2, pinBlock, emv, entryMode = "051" });
        using var withPan = await PostAsync(client, "/v1/card/sales",
            new { amount = 8198, currency = "986", pan = Visa, expiry = Expiry, pinBlock, emv });
        Assert.Equal("555555******4444", (await JsonAsync(withTrack)).GetProperty("maskedPan").GetString());
        await WaitForReversalAcknowledgedAsync(Host, (await JsonAsync(withPan)).GetProperty("id").GetString()!);

        var text = await DumpSchemaAsync(Host, "cards");
        var logs = Host.Logs.All;
        foreach (var secret in new[] { trackPan, Visa, track2, "30121015432112345678", pinBlock, emv, "A1B2C3D4" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("555555", text, StringComparison.Ordinal); // the scan did read the BIN column
    }

    /// <summary>Every value of every column of every table in <paramref name="schema"/>, as text.</summary>
    private static async Task<string> DumpSchemaAsync(GposTestHost host, string schema)
    {
        await using var connection = new NpgsqlConnection(host.Database.AdminConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1", connection))
        {
            list.Parameters.Add(new NpgsqlParameter { Value = schema });
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.NotEmpty(columns);
        var text = new System.Text.StringBuilder();
        foreach (var (table, column) in columns)
        {
            await using var select = new NpgsqlCommand(
                $"SELECT coalesce(string_agg(\"{column}\"::text, E'\\n'), '') FROM {schema}.\"{table}\"", connection);
            text.AppendLine((string)(await select.ExecuteScalarAsync())!);
        }

        return text.ToString();
    }
}
