using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Gpos.Testing;

namespace Gpos.PspSimulator.Tests;

/// <summary>One simulator (free port, test PKI) and one webhook receiver per test class; tests use fresh txids.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public const string Chave = "7d9f0335-8dcc-4054-9bf9-0dbd61d36906";

    public PspSimulatorServer Server { get; private set; } = null!;

    /// <summary>Fewer than the default, so a test can see the bound.</summary>
    public const int MaxWebhookConnections = 3;

    public WebhookReceiver Receiver { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        var options = PspSimulatorOptions.FromDevPki(TestPki.Pki, port: 0);
        options.WebhookRetryDelays.Clear();
        options.WebhookRetryDelays.Add(TimeSpan.FromMilliseconds(100));
        options.WebhookRetryDelays.Add(TimeSpan.FromMilliseconds(200));
        options.WebhookRetryDelays.Add(TimeSpan.FromMilliseconds(300));
        options.WebhookMaxConnections = MaxWebhookConnections;
        options.ConfigureLogging = _ => { };
        Server = await PspSimulatorServer.StartAsync(options);
        Client = TestHttp.Create(Server.BaseAddress, TestPki.Merchant("m1"));
        using var response = await Client.PutAsync(new Uri($"v2/webhook/{Chave}", UriKind.Relative),
            Json(new JsonObject { ["webhookUrl"] = Receiver.BaseAddress.ToString() }));
        response.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    public static string NewTxid() => "T" + Guid.NewGuid().ToString("N"); // 33 alphanumerics

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public static JsonObject CobBody(string valor = "10.00", string chave = Chave) => new()
    {
        ["calendario"] = new JsonObject { ["expiracao"] = 3600 },
        ["valor"] = new JsonObject { ["original"] = valor },
        ["chave"] = chave,
        ["solicitacaoPagador"] = "Pedido 42",
    };

    public static Uri Rel(string path) => new(path, UriKind.Relative);

    public async Task<(int Status, JsonObject Body)> SendAsync(HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, Rel(path)) { Content = body is null ? null : Json(body) };
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, string.IsNullOrEmpty(text) ? [] : JsonNode.Parse(text)!.AsObject());
    }

    public async Task<JsonObject> CreateCobAsync(string txid, string valor = "10.00")
    {
        var (status, body) = await SendAsync(HttpMethod.Put, $"v2/cob/{txid}", CobBody(valor));
        Assert.Equal(201, status);
        return body;
    }

    public async Task<JsonObject> PayAsync(string txid, JsonObject? options = null)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, $"control/cob/{txid}/pay", options ?? []);
        Assert.Equal(200, status);
        return body;
    }

    public async Task<JsonObject> CallsAsync() => (await Client.GetFromJsonAsync<JsonObject>(Rel("control/calls")))!;
}
