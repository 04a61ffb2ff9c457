using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Gpos.PspSimulator;
using Gpos.Testing;
using Gpos.WebhookReceiver;
using Gpos.Webhooks.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gpos.Webhooks.Tests;

/// <summary>
/// The real GPOS host (real PostgreSQL, real TLS) with a real PSP simulator, delivering to real receivers on loopback ports.
/// The retry schedule is shortened to about six seconds; loopback targets are allowed (Development setting).
/// </summary>
public class WebhooksHost : IAsyncLifetime
{
    public const string MerchantA = "wh-a";
    public const string MerchantB = "wh-b";
    public const string ChaveA = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
    public const string ChaveB = "loja-wh-b@example.com";

    private HttpClient? _psp;
    private HttpClient? _ops;

    public GposTestHost Host { get; private set; } = null!;

    public PspSimulatorServer Psp { get; private set; } = null!;

    public HttpClient Ops => _ops!;

    public static IDictionary<string, string?> WebhookSettings(bool allowPrivate = true) => new Dictionary<string, string?>
    {
        ["Gpos:Webhooks:AllowPrivateTargets"] = allowPrivate ? "true" : "false",
        ["Gpos:Webhooks:RetrySchedule:0"] = "00:00:00.200",
        ["Gpos:Webhooks:RetrySchedule:1"] = "00:00:00.400",
        ["Gpos:Webhooks:RetrySchedule:2"] = "00:00:00.800",
        ["Gpos:Webhooks:RetrySchedule:3"] = "00:00:01",
        ["Gpos:Webhooks:RetrySchedule:4"] = "00:00:01",
        ["Gpos:Webhooks:RetrySchedule:5"] = "00:00:01",
        ["Gpos:Webhooks:RetrySchedule:6"] = "00:00:01",
        ["Gpos:Webhooks:PollInterval"] = "00:00:00.050",
        ["Gpos:Webhooks:AttemptTimeout"] = "00:00:03", // generous: a timed-out attempt that did arrive would be sent twice
        ["Gpos:Webhooks:BreakerMinimumThroughput"] = "1000",
        ["Gpos:Webhooks:SecretRotationOverlap"] = "01:00:00",
        ["Gpos:Cards:TokenKey"] = "webhooks-tests-cards-token-key-0123456789abcdef",
    };

    public async Task InitializeAsync()
    {
        var pki = TestPki.Pki;
        var options = PspSimulatorOptions.FromDevPki(pki, port: 0);
        options.ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning);
        options.WebhookRetryDelays.Clear();
        options.WebhookRetryDelays.Add(TimeSpan.FromMilliseconds(300));
        Psp = await PspSimulatorServer.StartAsync(options);

        var settings = WebhookSettings().WithPsp(Psp.BaseAddress);
        settings["Gpos:Pix:ReconcileInterval"] = "00:10:00";
        Host = await GposTestHost.StartAsync(settings);
        _psp = TestHttp.Create(Psp.BaseAddress, pki.LoadClient("gpos-psp-client"));
        _ops = Host.OpsClient();

        await RegisterKeyAsync(ChaveA, MerchantA);
        await RegisterKeyAsync(ChaveB, MerchantB);
        using var response = await _psp.PutAsync(new Uri($"v2/webhook/{Uri.EscapeDataString(ChaveA)}", UriKind.Relative),
            Json(new JsonObject { ["webhookUrl"] = new Uri(Host.MtlsBase, "v1/psp/webhook").ToString() }));
        response.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        _psp?.Dispose();
        _ops?.Dispose();
        await Host.DisposeAsync();
        await Psp.DisposeAsync();
    }

    public HttpClient Merchant(string merchantId) => Host.MtlsClient(TestPki.Merchant(merchantId));

    public async Task RegisterKeyAsync(string chave, string merchant)
    {
        using var response = await Ops.PostAsJsonAsync(new Uri("/ops/v1/pix/keys", UriKind.Relative),
            new { chave, merchantId = merchant, merchantName = "LOJA " + merchant.ToUpperInvariant(), merchantCity = "SAO PAULO" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>A Pix charge of MerchantA on ChaveA, paid at the PSP simulator (which notifies GPOS). Returns the Pix.</summary>
    public Task<(string Txid, JsonObject Pix)> PaidChargeAsync() => PaidChargeAsync(new JsonObject());

    /// <summary>A control call to the PSP simulator (block, release, MED…); asserts it succeeded.</summary>
    public async Task<JsonObject> PspControlAsync(string path, JsonObject? body = null)
    {
        var (response, answer) = await SendAsync(_psp!, HttpMethod.Post, path, Json(body ?? new JsonObject()));
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {answer.ToJsonString()}");
        return answer;
    }

    /// <summary>As <see cref="PaidChargeAsync()"/>, with the simulator's payment options (e.g. <c>bloqueioCautelar</c>).</summary>
    public async Task<(string Txid, JsonObject Pix)> PaidChargeAsync(JsonObject payment)
    {
        var txid = "W" + Guid.NewGuid().ToString("N");
        using var merchant = Merchant(MerchantA);
        var (cob, _) = await SendAsync(merchant, HttpMethod.Put, $"/v2/cob/{txid}", Json(new JsonObject
        {
            ["calendario"] = new JsonObject { ["expiracao"] = 3600 },
            ["valor"] = new JsonObject { ["original"] = "12.34" },
            ["chave"] = ChaveA,
        }));
        Assert.Equal(HttpStatusCode.Created, cob.StatusCode);
        var (paid, pix) = await SendAsync(_psp!, HttpMethod.Post, $"control/cob/{txid}/pay", Json(payment));
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        return (txid, pix);
    }

    /// <summary>A GPOS registration of <paramref name="merchantId"/>; returns its id and secret.</summary>
    public static async Task<(Guid Id, string Secret)> CreateEndpointAsync(GposTestHost host, string merchantId, Uri url, params string[] types)
    {
        using var merchant = host.MtlsClient(TestPki.Merchant(merchantId));
        var (response, body) = await SendAsync(merchant, HttpMethod.Post, "/v1/webhooks/endpoints",
            Json(new JsonObject { ["url"] = url.ToString(), ["eventTypes"] = new JsonArray(types.Select(t => (JsonNode)t).ToArray()) }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (Guid.Parse(body["id"]!.GetValue<string>()), body["secret"]!.GetValue<string>());
    }

    /// <summary>What a producer module does: one event through the outbox contract inside its own committed transaction.</summary>
    public static async Task<EnqueuedEvent> EnqueueAsync(GposTestHost host, string merchantId, string? resourceId = null)
    {
        var outbox = host.Services.GetRequiredService<IWebhookOutbox>();
        var db = host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var saleId = resourceId is null ? Guid.NewGuid() : Guid.Parse(resourceId);
        var enqueued = await outbox.EnqueueAsync(tx, MerchantEvents.CardSale(MerchantEventTypes.CardSaleConfirmed, merchantId, saleId,
            new JsonObject { ["id"] = saleId.ToString(), ["status"] = "confirmed", ["amount"] = 1000 }, DateTimeOffset.UtcNow), CancellationToken.None);
        await tx.CommitAsync();
        return enqueued;
    }

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public static async Task<(HttpResponseMessage Response, JsonObject Body)> SendAsync(HttpClient client, HttpMethod method, string path,
        HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length > 0 && text[0] == '{' ? (JsonObject)JsonNode.Parse(text)! : []);
    }

    public static async Task<JsonNode> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public static Task<long> CountAsync(GposTestHost host, FormattableString sql) =>
        host.Database.AdminScalarAsync<long>(sql.ToString(CultureInfo.InvariantCulture));

    public static Task<WebhookReceiverServer> ReceiverAsync(params string[] secrets) => WebhookReceiverServer.StartAsync(GposTestHost.FreePort(), secrets);

    /// <summary>Polls until <paramref name="condition"/> holds or 20 s pass.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("Timed out waiting for: " + what);
    }
}
