using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gpos.CardHostSimulator;
using Gpos.DevTools;
using Gpos.Testing;
using Xunit.Abstractions;

namespace Gpos.IntegrationTests.Reliability;

/// <summary>
/// PostgreSQL stopped and started under load (issue 12, "Database restart"): during the outage every request gets a
/// 503 problem+json with Retry-After (never a 500, never a hang), the API serves again once the database is back,
/// and no sale is left half-written.
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private readonly ConcurrentBag<string> _sales = [];
    private readonly ConcurrentDictionary<string, int> _statuses = new();
    private readonly ConcurrentBag<string> _badOutageAnswers = [];
    private volatile int _phase; // 0 before, 1 outage, 2 after

    [Fact]
    public async Task PostgresStoppedUnderLoad_503ProblemJsonDuringOutage_ServesAfter_NoHalfWrittenSale()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"gpos-test-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var postgres = await LocalPostgres.StartAsync(directory, port: 0, allowInstall: false, _ => { }, CancellationToken.None);
        try
        {
            await using var cardHost = await CardHostSimulatorServer.StartAsync(new CardHostSimulatorOptions { Port = 0, ControlPort = 0 });
            var database = await TestDatabase.CreateOnAsync(postgres.AdminConnectionString);
            await using var host = await GposTestHost.StartAsync(new Dictionary<string, string?>
            {
                ["Gpos:Cards:TokenKey"] = "outage-test-cards-token-key-0123456789abcdef",
                ["Gpos:Cards:HostAddress"] = "127.0.0.1",
                ["Gpos:Cards:HostPort"] = cardHost.Port.ToString(CultureInfo.InvariantCulture),
                ["Gpos:Cards:ConfirmationWindow"] = "00:00:03",
                ["Gpos:Cards:WorkerInterval"] = "00:00:00.200",
                ["Gpos:Cards:ReversalRetryDelay"] = "00:00:00.200",
                ["Gpos:Cards:ReversalMaxRetryDelay"] = "00:00:01",
                ["Serilog:MinimumLevel:Default"] = "Warning",
            }, database: database);

            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 4).Select(w => WorkAsync(host, w, stop.Token)).ToArray();
            await Task.Delay(TimeSpan.FromSeconds(2));
            _phase = 1;
            await postgres.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            postgres = await LocalPostgres.StartAsync(directory, postgres.Port, allowInstall: false, _ => { }, CancellationToken.None);
            var afterOutage = _sales.Count;
            _phase = 2;
            await Task.Delay(TimeSpan.FromSeconds(5));
            await stop.CancelAsync();
            await Task.WhenAll(workers);

            output.WriteLine("answers: " + string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}")));
            Assert.Empty(_badOutageAnswers);
            Assert.True(_statuses.ContainsKey("outage 503"), "the outage produced no 503 answers");
            Assert.True(_sales.Count > afterOutage, "no sale succeeded after the database came back");
            Assert.DoesNotContain(_statuses.Keys, k => k.EndsWith(" 500", StringComparison.Ordinal));

            // No half-written sale: each one reaches a final state (confirmed, declined, or reversed with the host's 0410).
            var deadline = DateTime.UtcNow.AddSeconds(60);
            long pending;
            while ((pending = await database.AdminScalarAsync<long>("""
                       SELECT count(*) FROM cards.authorizations a
                       WHERE NOT EXISTS (SELECT 1 FROM cards.confirmations c WHERE c.sale_id = a.sale_id)
                         AND NOT EXISTS (SELECT 1 FROM cards.authorization_results r WHERE r.sale_id = a.sale_id AND r.outcome = 'declined')
                         AND NOT EXISTS (SELECT 1 FROM cards.reversals v JOIN cards.saf_queue q ON q.reversal_id = v.reversal_id
                                         WHERE v.sale_id = a.sale_id AND q.completed_at IS NOT NULL)
                       """)) > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }

            Assert.Equal(0, pending);
            var ids = string.Join(',', _sales.Select(id => $"'{id}'"));
            Assert.Equal(_sales.Count, await database.AdminScalarAsync<long>($"SELECT count(*) FROM cards.authorizations WHERE sale_id::text IN ({ids})"));
            using var ops = host.OpsClient();
            var verification = JsonDocument.Parse(await ops.GetStringAsync(new Uri("/ops/v1/ledger/verify", UriKind.Relative))).RootElement;
            Assert.True(verification.GetProperty("ok").GetBoolean(), verification.ToString());
        }
        finally
        {
            await postgres.StopAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task WorkAsync(GposTestHost host, int worker, CancellationToken stop)
    {
        using var terminal = host.MtlsClient(TestPki.Terminal($"t-outage-{worker}", "m-outage"));
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var phase = _phase;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/card/sales", UriKind.Relative));
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                request.Content = JsonContent.Create(new { amount = 1000 + (i * 100), currency = "986", pan = "4111111111111111", expiry = "3012" });
                using var response = await terminal.SendAsync(request, stop);
                var label = (phase switch { 0 => "before", 1 => "outage", _ => "after" }) + " " + (int)response.StatusCode;
                _statuses.AddOrUpdate(label, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop)).RootElement;
                    _sales.Add(view.GetProperty("id").GetString()!);
                }
                else if (phase == 1 && !await IsRetryable503Async(response))
                {
                    _badOutageAnswers.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(stop)}");
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }

            await Task.Delay(phase == 1 ? 50 : 10, CancellationToken.None);
        }
    }

    private static async Task<bool> IsRetryable503Async(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.ServiceUnavailable
            || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
            || response.Headers.RetryAfter is null)
        {
            return false;
        }

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("status").GetInt32() == 503;
    }
}
