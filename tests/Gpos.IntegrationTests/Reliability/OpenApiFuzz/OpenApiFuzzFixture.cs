using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gpos.CardHostSimulator;
using Gpos.PspSimulator;
using Gpos.Testing;
using Microsoft.Extensions.Logging;

namespace Gpos.IntegrationTests.Reliability.OpenApiFuzz;

/// <summary>
/// One GPOS host wired to the PSP and card host simulators, a merchant with a Pix key and a registered terminal, and one
/// existing object of each kind (a charge, a received Pix and its refund, a sale, a pre-authorization, a webhook
/// registration), so that the valid form of every operation reaches its handler's success path.
/// </summary>
public sealed class OpenApiFuzzFixture : IAsyncLifetime
{
    public const string Merchant = "m-fuzz";
    public const string Chave = "fuzz@merchant.example";

    private readonly List<HttpClient> _clients = [];
    private PspSimulatorServer? _psp;
    private CardHostSimulatorServer? _cardHost;

    public GposTestHost Host { get; private set; } = null!;

    internal OpenApiDocument Document { get; private set; } = null!;

    /// <summary>The served document's text, for failure messages.</summary>
    public string DocumentJson { get; private set; } = "";

    public string TerminalId { get; private set; } = "";

    public string ThrowawayTerminalId { get; private set; } = "";

    public string ThrowawaySerial { get; private set; } = "";

    public string Txid { get; private set; } = "";

    public string PixCopiaECola { get; private set; } = "";

    public string EndToEndId { get; private set; } = "";

    public string RefundId { get; private set; } = "";

    public string SaleId { get; private set; } = "";

    public string PreauthorizationId { get; private set; } = "";

    public string WebhookEndpointId { get; private set; } = "";

    public string DeletableWebhookEndpointId { get; private set; } = "";

    public string UndoSaleId { get; private set; } = "";

    public string VoidSaleId { get; private set; } = "";

    public string ReversalId { get; private set; } = "";

    public string CompletionId { get; private set; } = "";

    public string DeliveryId { get; private set; } = "";

    public string AccountCode { get; private set; } = "";

    public string Csr { get; private set; } = "";

    internal Dictionary<FuzzCaller, HttpClient> Clients { get; } = [];

    /// <summary>The merchant's certificate plus its certificate-bound OAuth2 access token (RFC 8705).</summary>
    public HttpClient MerchantWithToken { get; private set; } = null!;

    /// <summary>The bootstrap port without any credential.</summary>
    public HttpClient Nobody { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var pki = TestPki.Pki;
        _cardHost = await CardHostSimulatorServer.StartAsync(new CardHostSimulatorOptions { Port = 0, ControlPort = 0 });
        var pspOptions = PspSimulatorOptions.FromDevPki(pki, port: 0);
        pspOptions.ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning);
        _psp = await PspSimulatorServer.StartAsync(pspOptions);
        Host = await GposTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Gpos:Cards:TokenKey"] = "openapi-fuzz-cards-token-key-0123456789abcdef",
            ["Gpos:Cards:HostAddress"] = "127.0.0.1",
            ["Gpos:Cards:HostPort"] = _cardHost.Port.ToString(CultureInfo.InvariantCulture),
            ["Gpos:Pix:ReconcileInterval"] = "00:10:00",
            // Registrations may name loopback (nothing listens there); no deliveries leave the test.
            ["Gpos:Webhooks:AllowPrivateTargets"] = "true",
            ["Gpos:Webhooks:DeliveryEnabled"] = "false",
        }.WithPsp(_psp.BaseAddress));

        var ops = Track(Host.OpsClient());
        Clients[FuzzCaller.Ops] = ops;
        Nobody = Track(Host.BootstrapClient());
        Clients[FuzzCaller.Anonymous] = Nobody;
        var merchantCertificate = TestPki.Merchant(Merchant);
        Clients[FuzzCaller.Merchant] = Track(Host.MtlsClient(merchantCertificate));
        Clients[FuzzCaller.Psp] = Track(Host.MtlsClient(TestPki.Psp()));

        DocumentJson = await Nobody.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));
        Document = OpenApiDocument.Parse(DocumentJson);

        await SendOkAsync(ops, HttpMethod.Post, "/ops/v1/pix/keys",
            new JsonObject { ["chave"] = Chave, ["merchantId"] = Merchant, ["merchantName"] = "LOJA FUZZ", ["merchantCity"] = "SAO PAULO" });
        TerminalId = (await SendOkAsync(ops, HttpMethod.Post, "/ops/v1/terminals", Terminal("fuzz-sn-1")))["terminalId"]!.GetValue<string>();
        ThrowawayTerminalId = (await SendOkAsync(ops, HttpMethod.Post, "/ops/v1/terminals", Terminal("fuzz-sn-2")))["terminalId"]!.GetValue<string>();
        using (var throwaway = TestPki.Terminal(ThrowawayTerminalId, Merchant))
        {
            ThrowawaySerial = throwaway.SerialNumber;
        }

        var terminal = Track(Host.MtlsClient(TestPki.Terminal(TerminalId, Merchant)));
        Clients[FuzzCaller.Terminal] = terminal;
        Clients[FuzzCaller.AnyAuthenticated] = terminal;
        Csr = NewCsr();

        var token = await SendOkAsync(Clients[FuzzCaller.Merchant], HttpMethod.Post, "/oauth/token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));
        MerchantWithToken = Track(Host.MtlsClient(merchantCertificate));
        MerchantWithToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["access_token"]!.GetValue<string>());

        await WaitForCardLinkAsync(ops);
        await CreateObjectsAsync(terminal);
    }

    private async Task CreateObjectsAsync(HttpClient terminal)
    {
        var merchant = Clients[FuzzCaller.Merchant];
        Txid = NewTxid();
        PixCopiaECola = (await SendOkAsync(merchant, HttpMethod.Put, $"/v2/cob/{Txid}", new JsonObject
        {
            ["calendario"] = new JsonObject { ["expiracao"] = 3600 },
            ["valor"] = new JsonObject { ["original"] = "10.00" },
            ["chave"] = Chave,
        }))["pixCopiaECola"]!.GetValue<string>();

        // A webhook registration first, so that the received Pix below leaves a delivery for the ops endpoints.
        WebhookEndpointId = await NewWebhookEndpointAsync(merchant);
        DeletableWebhookEndpointId = await NewWebhookEndpointAsync(merchant);

        // A received Pix: the PSP simulator pays a charge and posts the notification to GPOS.
        using var pspClient = TestHttp.Create(_psp!.BaseAddress, TestPki.Pki.LoadClient("gpos-psp-client"));
        await SendOkAsync(pspClient, HttpMethod.Put, $"v2/webhook/{Uri.EscapeDataString(Chave)}",
            new JsonObject { ["webhookUrl"] = new Uri(Host.MtlsBase, "v1/psp/webhook").ToString() });
        var paidTxid = NewTxid();
        await SendOkAsync(merchant, HttpMethod.Put, $"/v2/cob/{paidTxid}", new JsonObject
        {
            ["calendario"] = new JsonObject { ["expiracao"] = 3600 },
            ["valor"] = new JsonObject { ["original"] = "50.00" },
            ["chave"] = Chave,
        });
        EndToEndId = (await SendOkAsync(pspClient, HttpMethod.Post, $"control/cob/{paidTxid}/pay", new JsonObject()))["endToEndId"]!.GetValue<string>();
        await EventuallyAsync($"SELECT count(*) FROM pix.pix_events WHERE end_to_end_id = '{EndToEndId}' AND accepted", "the paid Pix reached GPOS");
        await EventuallyAsync("SELECT count(*) FROM webhooks.deliveries", "a webhook delivery");
        DeliveryId = (await Host.Database.AdminScalarAsync<long>("SELECT min(id) FROM webhooks.deliveries")).ToString(CultureInfo.InvariantCulture);

        RefundId = "fuzzrefund" + Guid.NewGuid().ToString("N")[..8];
        await SendOkAsync(merchant, HttpMethod.Put, $"/v2/pix/{EndToEndId}/devolucao/{RefundId}", new JsonObject { ["valor"] = "1.00" });

        // Sales in each state an operation starts from: approved (confirm, read), approved (undo), confirmed (void);
        // and a reversal and a completion in the store-and-forward queues, flagged for ops as after repeated refusals.
        SaleId = await NewSaleAsync(terminal, "sales");
        UndoSaleId = await NewSaleAsync(terminal, "sales");
        VoidSaleId = await NewSaleAsync(terminal, "sales");
        await SendOkAsync(terminal, HttpMethod.Post, $"/v1/card/sales/{VoidSaleId}/confirmation", null, idempotent: true);
        var reversed = await NewSaleAsync(terminal, "sales");
        await SendOkAsync(terminal, HttpMethod.Post, $"/v1/card/sales/{reversed}/undo", null, idempotent: true);
        PreauthorizationId = await NewSaleAsync(terminal, "preauthorizations");
        var completed = await NewSaleAsync(terminal, "preauthorizations");
        await SendOkAsync(terminal, HttpMethod.Post, $"/v1/card/preauthorizations/{completed}/completion", new JsonObject { ["amount"] = 100 }, idempotent: true);
        await EventuallyAsync("SELECT count(*) FROM cards.saf_queue", "a queued reversal");
        await EventuallyAsync("SELECT count(*) FROM cards.completion_queue", "a queued completion");
        await Host.Database.AdminExecuteAsync("UPDATE cards.saf_queue SET flagged_at = now(); UPDATE cards.completion_queue SET flagged_at = now()");
        ReversalId = (await Host.Database.AdminScalarAsync<Guid>("SELECT reversal_id FROM cards.saf_queue LIMIT 1")).ToString();
        CompletionId = (await Host.Database.AdminScalarAsync<Guid>("SELECT completion_id FROM cards.completion_queue LIMIT 1")).ToString();
        var accounts = await SendOkAsync(Clients[FuzzCaller.Ops], HttpMethod.Get, "/ops/v1/ledger/accounts", null);
        AccountCode = accounts.AsArray().First()!["code"]!.GetValue<string>();
    }

    private static async Task<string> NewWebhookEndpointAsync(HttpClient merchant) =>
        (await SendOkAsync(merchant, HttpMethod.Post, "/v1/webhooks/endpoints",
            new JsonObject { ["url"] = "https://127.0.0.1:9/hooks", ["eventTypes"] = new JsonArray("pix.charge.paid") }))["id"]!.GetValue<string>();

    private static async Task<string> NewSaleAsync(HttpClient terminal, string kind) =>
        (await SendOkAsync(terminal, HttpMethod.Post, "/v1/card/" + kind, CardSale(), idempotent: true))["id"]!.GetValue<string>();

    private async Task EventuallyAsync(string countSql, string what)
    {
        for (var attempt = 0; await Host.Database.AdminScalarAsync<long>(countSql) == 0; attempt++)
        {
            Assert.True(attempt < 150, "timed out waiting for " + what);
            await Task.Delay(100);
        }
    }

    public static string NewTxid() => "fuzz" + Guid.NewGuid().ToString("N")[..28];

    internal static JsonObject CardSale() => new()
    {
        ["amount"] = 1200, ["currency"] = "986", ["pan"] = "4111111111111111", ["expiry"] = "3012", ["entryMode"] = "051", ["installments"] = 1,
    };

    private static JsonObject Terminal(string serial) => new()
    {
        ["serialNumber"] = serial + "-" + Guid.NewGuid().ToString("N")[..6], ["model"] = "FUZZ-1", ["merchantId"] = Merchant, ["attestationRequired"] = false,
    };

    private static string NewCsr()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=fuzz-terminal", key, HashAlgorithmName.SHA256);
        return request.CreateSigningRequestPem();
    }

    private static async Task WaitForCardLinkAsync(HttpClient ops)
    {
        for (var attempt = 0; ; attempt++)
        {
            var link = JsonDocument.Parse(await ops.GetStringAsync(new Uri("/ops/v1/cards/link", UriKind.Relative))).RootElement;
            if (link.GetProperty("connected").GetBoolean() && link.GetProperty("signedOn").GetBoolean())
            {
                return;
            }

            Assert.True(attempt < 150, "card host link did not come up");
            await Task.Delay(100);
        }
    }

    private static async Task<JsonNode> SendOkAsync(HttpClient client, HttpMethod method, string path, object? body, bool idempotent = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Content = body switch
        {
            JsonNode json => new StringContent(json.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            HttpContent content => content,
            _ => null,
        };
        if (idempotent)
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    private HttpClient Track(HttpClient client)
    {
        _clients.Add(client);
        return client;
    }

    public async Task DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (_psp is not null)
        {
            await _psp.DisposeAsync();
        }

        if (_cardHost is not null)
        {
            await _cardHost.DisposeAsync();
        }
    }
}
