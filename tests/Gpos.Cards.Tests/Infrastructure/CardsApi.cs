using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Gpos.Testing;

namespace Gpos.Cards.Tests.Infrastructure;

/// <summary>Terminal-side calls and waits used by the card tests.</summary>
public static class CardsApi
{
    /// <summary>Visa test PAN (simulator: amount rules decide).</summary>
    public const string Visa = "4111111111111111";

    public const string Expiry = "3012";

    private static int _terminals;

    public static string NewTerminalId() =>
        "t-cards" + Interlocked.Increment(ref _terminals).ToString("D4", CultureInfo.InvariantCulture) +
        Guid.NewGuid().ToString("N")[..8];

    public static HttpClient Terminal(GposTestHost host, string terminalId, string merchantId = "m1") =>
        host.MtlsClient(TestPki.Terminal(terminalId, merchantId));

    public static Task<HttpResponseMessage> SaleAsync(HttpClient client, long amount, string pan = Visa, string? key = null,
        string path = "/v1/card/sales") =>
        PostAsync(client, path, new { amount, currency = "986", pan, expiry = Expiry }, key);

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        request.Content = body is null ? null : JsonContent.Create(body);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await JsonAsync(response);
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail("Condition not met within " + timeout);
            }

            await Task.Delay(100);
        }
    }

    public static async Task AssertLedgerCleanAsync(GposTestHost host)
    {
        using var ops = host.OpsClient();
        var verification = await GetJsonAsync(ops, "/ops/v1/ledger/verify");
        Assert.True(verification.GetProperty("ok").GetBoolean(), verification.ToString());
    }

    public static Task<string> HoldOutcomeAsync(GposTestHost host, string saleId) =>
        host.Database.AdminScalarAsync<string>($"""
            SELECT COALESCE(r.outcome, 'open') FROM ledger.holds h LEFT JOIN ledger.hold_resolutions r ON r.hold_id = h.id
            WHERE h.source_module = 'cards' AND h.source_id = '{saleId}'
            """);

    public static async Task WaitForReversalAcknowledgedAsync(GposTestHost host, string saleId, TimeSpan? timeout = null) =>
        await EventuallyAsync(async () => await host.Database.AdminScalarAsync<bool>($"""
            SELECT EXISTS (SELECT 1 FROM cards.reversals v JOIN cards.saf_queue q ON q.reversal_id = v.reversal_id
                           WHERE v.sale_id = '{saleId}' AND q.completed_at IS NOT NULL)
            """), timeout ?? TimeSpan.FromSeconds(20));
}
