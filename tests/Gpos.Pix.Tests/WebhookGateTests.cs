using System.Net;
using System.Text.Json.Nodes;
using Gpos.Testing;
using Npgsql;

namespace Gpos.Pix.Tests;

/// <summary>A host that works one PSP notification request at a time and lets one more wait.</summary>
public sealed class GatedPixHost : PixHost
{
    protected override IDictionary<string, string?> PixSettings
    {
        get
        {
            var settings = base.PixSettings;
            settings["Gpos:Pix:WebhookMaxConcurrentRequests"] = "1";
            settings["Gpos:Pix:WebhookQueueLimit"] = "1";
            settings["Gpos:Pix:RetryAfterSeconds"] = "2";
            return settings;
        }
    }
}

/// <summary>The bound on concurrent PSP notification requests (ADR 0014).</summary>
public sealed class WebhookGateTests(GatedPixHost pix) : IClassFixture<GatedPixHost>
{
    [Fact]
    public async Task Webhook_PastTheBoundAndTheQueue_503WithRetryAfter_NothingRecorded_TheWaitingOneIsWorkedLater()
    {
        var (held, queued, refused) = (PixHost.NewTxid(), PixHost.NewTxid(), PixHost.NewTxid());
        foreach (var txid in new[] { held, queued, refused })
        {
            await pix.PutCobAsync(txid, PixHost.CobBody("4.00"));
        }

        var e2e = new[] { PixHost.NewEndToEndId(), PixHost.NewEndToEndId(), PixHost.NewEndToEndId() };
        static StringContent Batch(string e2eid, string txid) =>
            PixHost.Json(new JsonObject { ["pix"] = new JsonArray(PixHost.NotifiedPix(e2eid, txid, "4.00")) });
        using var psp = pix.Host.MtlsClient(TestPki.Psp());

        // The first request takes the only place and waits inside its transaction for the charge's lock, held here.
        await using var holder = new NpgsqlConnection(pix.Host.Database.AdminConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock(hashtext('pix.cob:{held}'))", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        var first = PixHost.SendAsync(psp, HttpMethod.Post, "/v1/psp/webhook/pix", Batch(e2e[0], held));
        await PixHost.EventuallyAsync(async () => await pix.CountAsync(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'") == 1, "the first batch waits for the lock");
        var second = PixHost.SendAsync(psp, HttpMethod.Post, "/v1/psp/webhook/pix", Batch(e2e[1], queued));
        await Task.Delay(300); // the second request reaches the gate's queue

        var (third, problem) = await PixHost.SendAsync(psp, HttpMethod.Post, "/v1/psp/webhook/pix", Batch(e2e[2], refused));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PixHost.ErrorType("ServicoIndisponivel"), problem["type"]?.GetValue<string>());
        Assert.Equal(TimeSpan.FromSeconds(2), third.Headers.RetryAfter?.Delta);
        Assert.Equal(0, await pix.CountAsync($"SELECT count(*) FROM pix.received_pix WHERE end_to_end_id = '{e2e[2]}'"));
        Assert.False(second.IsCompleted, "the second request waits for the first, it is not refused");

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock(hashtext('pix.cob:{held}'))", holder))
        {
            await release.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await first).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second).Response.StatusCode);
        var (retried, _) = await PixHost.SendAsync(psp, HttpMethod.Post, "/v1/psp/webhook/pix", Batch(e2e[2], refused));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        foreach (var txid in new[] { held, queued, refused })
        {
            Assert.Equal(1, await pix.CountAsync($"SELECT count(*) FROM pix.charge_status_events WHERE txid = '{txid}' AND status = 'CONCLUIDA'"));
        }
    }
}
