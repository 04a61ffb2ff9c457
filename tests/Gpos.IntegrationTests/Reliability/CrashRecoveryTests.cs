using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gpos.CardHostSimulator;
using Gpos.PspSimulator;
using Gpos.Testing;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Gpos.IntegrationTests.Reliability;

/// <summary>
/// kill -9 of the API in the middle of a mixed load, then a restart on the same database (issue 12, "Crash"): every
/// operation that got a 2xx is in the database, every sale ends confirmed or reversed on both sides (GPOS and the card
/// host), the journal balances and verify is clean, and no charge or sale happened twice.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const string Merchant = "m-crash";
    private const string Chave = "crash@merchant.example";

    private readonly ConcurrentBag<string> _sales = [];
    private readonly ConcurrentBag<string> _confirmed = [];
    private readonly ConcurrentBag<string> _charges = [];
    private int _failures;

    [Fact]
    public async Task KillDashNineDuringMixedLoad_RestartLosesNothingAndEverySaleConverges()
    {
        var pki = TestPki.Pki;
        await using var cardHost = await CardHostSimulatorServer.StartAsync(new CardHostSimulatorOptions { Port = 0, ControlPort = 0 });
        var pspOptions = PspSimulatorOptions.FromDevPki(pki, port: 0);
        pspOptions.ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning);
        await using var psp = await PspSimulatorServer.StartAsync(pspOptions);
        var database = await TestDatabase.CreateAsync();
        await using var _ = database;
        var settings = Settings(cardHost.Port, psp.BaseAddress);

        ApiProcess? second = null;
        await using (var first = await ApiProcess.StartAsync(database, settings))
        {
            await RegisterPixKeyAsync(first.BootstrapBase);
            await CardHostLink.WaitUntilUpAsync(first.BootstrapBase);

            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 6).Select(w => WorkAsync(first.MtlsBase, w, stop.Token)).ToArray();
            await Task.Delay(TimeSpan.FromSeconds(4));
            await first.KillHardAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            second = await ApiProcess.StartAsync(database, settings, first.MtlsPort, first.BootstrapPort);
        }

        await using (second)
        {
            output.WriteLine($"acknowledged: {_sales.Count} sales ({_confirmed.Count} confirmed), {_charges.Count} Pix charges; " +
                             $"{_failures} requests failed around the kill");
            Assert.True(_sales.Count >= 10, $"too little load before the kill: {_sales.Count} sales");
            Assert.True(_charges.Count >= 3, $"too little load before the kill: {_charges.Count} charges");

            // Every sale reaches a final state: confirmed, declined, or reversed with the host's 0410.
            await EventuallyAsync(database, """
                SELECT count(*) FROM cards.authorizations a
                WHERE NOT EXISTS (SELECT 1 FROM cards.confirmations c WHERE c.sale_id = a.sale_id)
                  AND NOT EXISTS (SELECT 1 FROM cards.authorization_results r WHERE r.sale_id = a.sale_id AND r.outcome = 'declined')
                  AND NOT EXISTS (SELECT 1 FROM cards.reversals v JOIN cards.saf_queue q ON q.reversal_id = v.reversal_id
                                  WHERE v.sale_id = a.sale_id AND q.completed_at IS NOT NULL)
                """, TimeSpan.FromSeconds(60), second);

            // Acknowledged but lost: 0.
            Assert.Equal(_sales.Count, await CountAsync(database, "SELECT count(*) FROM cards.authorizations WHERE sale_id::text = ANY({0})", _sales));
            Assert.Equal(_confirmed.Count, await CountAsync(database, "SELECT count(*) FROM cards.confirmations WHERE sale_id::text = ANY({0})", _confirmed));
            Assert.Equal(_charges.Count, await CountAsync(database, "SELECT count(DISTINCT txid) FROM pix.charge_revisions WHERE txid = ANY({0})", _charges));
            Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM cards.reversals WHERE sale_id::text = ANY({0})", _confirmed));

            // Both sides agree: a sale the host approved is reversed at the host unless GPOS confirmed it; none twice.
            var confirmedRrns = await RrnsAsync(database, "SELECT a.rrn FROM cards.authorizations a JOIN cards.confirmations c USING (sale_id)");
            var allRrns = await RrnsAsync(database, "SELECT rrn FROM cards.authorizations");
            var hostSales = cardHost.GetMessages(100_000).Where(m => m.Mti == "0200").ToList();
            Assert.All(hostSales.GroupBy(m => m.Rrn), g => Assert.Single(g));
            foreach (var sale in hostSales.Where(m => m.ResponseCode == "00"))
            {
                var confirmed = confirmedRrns.Contains(sale.Rrn!);
                Assert.True(confirmed != sale.Reversed,
                    $"host sale {sale.Rrn}: confirmed at GPOS = {confirmed}, reversed at host = {sale.Reversed}, known to GPOS = {allRrns.Contains(sale.Rrn!)}");
            }

            // Ledger: no card hold left open, every entry balanced, the seal chain verifies.
            Assert.Equal(0, await database.AdminScalarAsync<long>("""
                SELECT count(*) FROM ledger.holds h WHERE h.source_module = 'cards'
                  AND NOT EXISTS (SELECT 1 FROM ledger.hold_resolutions r WHERE r.hold_id = h.id)
                """));
            Assert.Equal(0, await database.AdminScalarAsync<long>(
                "SELECT coalesce(sum(CASE direction WHEN 'debit' THEN amount ELSE -amount END), 0)::bigint FROM ledger.postings"));
            using var ops = TestHttp.Ops(second.BootstrapBase);
            var verification = JsonDocument.Parse(await ops.GetStringAsync(new Uri("/ops/v1/ledger/verify", UriKind.Relative))).RootElement;
            Assert.True(verification.GetProperty("ok").GetBoolean(), verification.ToString());

            // No charge created twice at the PSP, and every acknowledged charge exists there.
            using var pspClient = TestHttp.Create(psp.BaseAddress, pki.LoadClient("gpos-psp-client"));
            foreach (var txid in _charges)
            {
                using var response = await pspClient.GetAsync(new Uri($"v2/cob/{txid}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    private async Task WorkAsync(Uri mtlsBase, int worker, CancellationToken stop)
    {
        using var terminal = TestHttp.Create(mtlsBase, TestPki.Terminal($"t-crash-{worker}", Merchant));
        using var merchant = TestHttp.Create(mtlsBase, TestPki.Merchant(Merchant));
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                if (i % 3 == 0)
                {
                    var txid = "crash" + Guid.NewGuid().ToString("N")[..28];
                    using var response = await merchant.PutAsJsonAsync(new Uri($"/v2/cob/{txid}", UriKind.Relative), new
                    {
                        calendario = new { expiracao = 3600 },
                        valor = new { original = "12.34" },
                        chave = Chave,
                    }, stop);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        _charges.Add(txid);
                    }

                    continue;
                }

                var amount = 1000 + (worker * 1000) + (i % 97 * 10); // simulator: amounts ending 00 approve
                using var sale = await PostAsync(terminal, "/v1/card/sales", new { amount = amount - (amount % 100), currency = "986", pan = "4111111111111111", expiry = "3012" }, stop);
                if (sale.StatusCode != HttpStatusCode.Created)
                {
                    continue;
                }

                var view = JsonDocument.Parse(await sale.Content.ReadAsStringAsync(stop)).RootElement;
                var id = view.GetProperty("id").GetString()!;
                _sales.Add(id);
                if (i % 3 == 1 && view.GetProperty("status").GetString() == "approved")
                {
                    using var confirmation = await PostAsync(terminal, $"/v1/card/sales/{id}/confirmation", null, stop);
                    if (confirmation.StatusCode == HttpStatusCode.OK)
                    {
                        _confirmed.Add(id);
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                // The API is dead or dying: the operation was not acknowledged. Keep trying until told to stop.
                Interlocked.Increment(ref _failures);
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        request.Content = body is null ? null : JsonContent.Create(body);
        return await client.SendAsync(request, cancellationToken);
    }

    private static Dictionary<string, string?> Settings(int cardHostPort, Uri pspBase) => new Dictionary<string, string?>
    {
        ["Serilog:MinimumLevel:Default"] = "Warning",
        ["Gpos:Cards:TokenKey"] = "crash-test-cards-token-key-0123456789abcdef",
        ["Gpos:Cards:HostAddress"] = "127.0.0.1",
        ["Gpos:Cards:HostPort"] = cardHostPort.ToString(CultureInfo.InvariantCulture),
        ["Gpos:Cards:RequestTimeout"] = "00:00:02",
        ["Gpos:Cards:ConfirmationWindow"] = "00:00:03",
        ["Gpos:Cards:WorkerInterval"] = "00:00:00.200",
        ["Gpos:Cards:ReversalRetryDelay"] = "00:00:00.200",
        ["Gpos:Cards:ReversalMaxRetryDelay"] = "00:00:01",
        ["Gpos:Pix:ReconcileInterval"] = "00:00:01",
    }.WithPsp(pspBase);


    private static async Task RegisterPixKeyAsync(Uri bootstrapBase)
    {
        using var ops = TestHttp.Ops(bootstrapBase);
        using var response = await ops.PostAsJsonAsync(new Uri("/ops/v1/pix/keys", UriKind.Relative),
            new { chave = Chave, merchantId = Merchant, merchantName = "LOJA CRASH", merchantCity = "SAO PAULO" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task EventuallyAsync(TestDatabase database, string countSql, TimeSpan timeout, ApiProcess api)
    {
        var deadline = DateTime.UtcNow + timeout;
        long left;
        while ((left = await database.AdminScalarAsync<long>(countSql)) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True(left == 0, $"{left} sales still pending after {timeout}:\n{api.RecentOutput}");
    }

    private static Task<long> CountAsync(TestDatabase database, string sqlWithArray, IEnumerable<string> values)
    {
        var array = "ARRAY[" + string.Join(',', values.Select(v => "'" + v.Replace("'", "''", StringComparison.Ordinal) + "'")) + "]::text[]";
        return database.AdminScalarAsync<long>(string.Format(CultureInfo.InvariantCulture, sqlWithArray, array));
    }

    private static async Task<HashSet<string>> RrnsAsync(TestDatabase database, string sql)
    {
        var csv = await database.AdminScalarAsync<string>($"SELECT coalesce(string_agg(rrn, ','), '') FROM ({sql}) x(rrn)");
        return csv.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
    }
}
