using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gpos.CardHostSimulator;
using Gpos.PspSimulator;
using Gpos.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gpos.IntegrationTests.Reliability;

/// <summary>
/// Two GPOS instances on one database behind HAProxy in TCP mode (TLS passthrough, so mTLS stays end to end), with
/// duplicate storms spread across both (issue 12, "Two instances"): exactly one effect each time.
/// </summary>
public sealed class TwoInstancesTests(TwoInstancesTests.Cluster cluster) : IClassFixture<TwoInstancesTests.Cluster>
{
    [Fact]
    public async Task SameTxidStormAcrossBothInstances_OneChargeAndOnePspCall()
    {
        var txid = "twoInstances" + Guid.NewGuid().ToString("N")[..20];
        var clients = Enumerable.Range(0, 8).Select(_ => TestHttp.Create(cluster.Balancer.BaseAddress, TestPki.Merchant(Cluster.Merchant))).ToList();
        try
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
            {
                using var response = await clients[i % clients.Count].PutAsJsonAsync(new Uri($"/v2/cob/{txid}", UriKind.Relative), new
                {
                    calendario = new { expiracao = 3600 },
                    valor = new { original = "45.67" },
                    chave = Cluster.Chave,
                });
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            }));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            Assert.Single(responses.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("location").GetString()).Distinct());
            Assert.Equal(1, await cluster.Database.AdminScalarAsync<long>($"SELECT count(*) FROM pix.charge_revisions WHERE txid = '{txid}'"));
            Assert.Equal(1, await cluster.PspCallsAsync("PUT /cob/{txid}", txid));
            AssertBothInstancesServed(txid);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task SameIdempotencyKeyStormAcrossBothInstances_OneSaleAtTheHost()
    {
        var terminal = "t-two-" + Guid.NewGuid().ToString("N")[..8];
        var key = Guid.NewGuid().ToString();
        var clients = Enumerable.Range(0, 8).Select(_ => TestHttp.Create(cluster.Balancer.BaseAddress, TestPki.Terminal(terminal, Cluster.Merchant))).ToList();
        try
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/card/sales", UriKind.Relative));
                request.Headers.Add("Idempotency-Key", key);
                request.Content = JsonContent.Create(new { amount = 4500, currency = "986", pan = "4111111111111111", expiry = "3012" });
                using var response = await clients[i % clients.Count].SendAsync(request);
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            }));

            // Each answer is the one result (replayed) or "still in flight" (409); never a second sale.
            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
            var ids = responses.Where(r => r.StatusCode == HttpStatusCode.Created)
                .Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetString()).Distinct().ToList();
            Assert.Single(ids);
            Assert.Equal(1, await cluster.Database.AdminScalarAsync<long>($"SELECT count(*) FROM cards.authorizations WHERE terminal_id = '{terminal}'"));
            Assert.Single(cluster.CardHost.GetMessages(100_000, terminalId: null), m => m.Mti == "0200" && m.Amount == 4500 &&
                                                                                       m.Rrn == RrnOf(ids[0]!));
            AssertBothInstancesServed("/v1/card/sales");
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private string RrnOf(string saleId) =>
        cluster.Database.AdminScalarAsync<string>($"SELECT rrn FROM cards.authorizations WHERE sale_id = '{saleId}'").GetAwaiter().GetResult();

    private void AssertBothInstancesServed(string marker)
    {
        Assert.Contains(cluster.A.Logs.Lines, l => l.Contains(marker, StringComparison.Ordinal) && l.Contains("responded", StringComparison.Ordinal));
        Assert.Contains(cluster.B.Logs.Lines, l => l.Contains(marker, StringComparison.Ordinal) && l.Contains("responded", StringComparison.Ordinal));
    }

    /// <summary>PSP and card host simulators, one database, two GPOS instances, HAProxy in front.</summary>
    public sealed class Cluster : IAsyncLifetime
    {
        public const string Merchant = "m-two";
        public const string Chave = "two@merchant.example";

        private PspSimulatorServer? _psp;
        private HttpClient? _pspClient;

        public CardHostSimulatorServer CardHost { get; private set; } = null!;

        public TestDatabase Database { get; private set; } = null!;

        public GposTestHost A { get; private set; } = null!;

        public GposTestHost B { get; private set; } = null!;

        public TcpLoadBalancer Balancer { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var pki = TestPki.Pki;
            CardHost = await CardHostSimulatorServer.StartAsync(new CardHostSimulatorOptions { Port = 0, ControlPort = 0 });
            var pspOptions = PspSimulatorOptions.FromDevPki(pki, port: 0);
            pspOptions.ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning);
            _psp = await PspSimulatorServer.StartAsync(pspOptions);
            _pspClient = TestHttp.Create(_psp.BaseAddress, pki.LoadClient("gpos-psp-client"));
            Database = await TestDatabase.CreateAsync();
            var settings = new Dictionary<string, string?>
            {
                ["Gpos:Cards:TokenKey"] = "two-instances-cards-token-key-0123456789abcdef",
                ["Gpos:Cards:HostAddress"] = "127.0.0.1",
                ["Gpos:Cards:HostPort"] = CardHost.Port.ToString(CultureInfo.InvariantCulture),
                ["Gpos:Pix:ReconcileInterval"] = "00:10:00",
            }.WithPsp(_psp.BaseAddress);
            A = await GposTestHost.StartAsync(settings, database: Database);
            B = await GposTestHost.StartAsync(settings, database: Database);
            Balancer = await TcpLoadBalancer.StartAsync([A.MtlsPort, B.MtlsPort]);

            using var ops = A.OpsClient();
            using var key = await ops.PostAsJsonAsync(new Uri("/ops/v1/pix/keys", UriKind.Relative),
                new { chave = Chave, merchantId = Merchant, merchantName = "LOJA DUAS", merchantCity = "SAO PAULO" });
            Assert.Equal(HttpStatusCode.Created, key.StatusCode);
            await CardHostLink.WaitUntilUpAsync(A.BootstrapBase);
            await CardHostLink.WaitUntilUpAsync(B.BootstrapBase);
        }

        public async Task<int> PspCallsAsync(string endpoint, string txid)
        {
            var calls = JsonDocument.Parse(await _pspClient!.GetStringAsync(new Uri("control/calls", UriKind.Relative))).RootElement;
            return calls.TryGetProperty("endpoints", out var endpoints) && endpoints.TryGetProperty(endpoint, out var e)
                   && e.GetProperty("keys").TryGetProperty(txid, out var count) ? count.GetInt32() : 0;
        }

        public async Task DisposeAsync()
        {
            await Balancer.DisposeAsync();
            await B.Services.GetRequiredService<IHost>().StopAsync(); // B shares A's database: only A drops it
            await A.DisposeAsync();
            _pspClient?.Dispose();
            await _psp!.DisposeAsync();
            await CardHost.DisposeAsync();
        }
    }
}
