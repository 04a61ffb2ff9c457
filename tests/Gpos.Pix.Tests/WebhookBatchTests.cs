using System.Net;
using System.Text.Json.Nodes;
using Gpos.Testing;

namespace Gpos.Pix.Tests;

/// <summary>A PSP notification batch is one transaction: all of it or none of it, locks taken in one order.</summary>
public sealed class WebhookBatchTests(PixHost pix) : IClassFixture<PixHost>
{
    [Fact]
    public async Task Batch_OneItemFails_NothingOfItIsKept_AndTheRetryRecordsEveryItem()
    {
        var (first, second) = (PixHost.NewTxid(), PixHost.NewTxid());
        await pix.PutCobAsync(first, PixHost.CobBody("3.00"));
        await pix.PutCobAsync(second, PixHost.CobBody("3.00"));
        var (e2eFirst, e2eSecond) = (PixHost.NewEndToEndId(), PixHost.NewEndToEndId());
        var body = new JsonObject { ["pix"] = new JsonArray(PixHost.NotifiedPix(e2eFirst, first, "3.00"), PixHost.NotifiedPix(e2eSecond, second, "3.00")) };
        // The database refuses the second Pix, after the first was written in the same transaction.
        var trigger = "refuse_" + e2eSecond.ToLowerInvariant();
        await pix.Host.Database.AdminExecuteAsync($"""
            CREATE FUNCTION pix.{trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.end_to_end_id = '{e2eSecond}' THEN RAISE EXCEPTION 'refused by the test'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER {trigger} BEFORE INSERT ON pix.received_pix FOR EACH ROW EXECUTE FUNCTION pix.{trigger}();
            """);
        using var psp = pix.Host.MtlsClient(TestPki.Psp());

        HttpResponseMessage failed;
        try
        {
            (failed, _) = await PixHost.SendAsync(psp, HttpMethod.Post, "/v1/psp/webhook/pix", PixHost.Json(body));
        }
        finally
        {
            await pix.Host.Database.AdminExecuteAsync($"DROP TRIGGER {trigger} ON pix.received_pix; DROP FUNCTION pix.{trigger}();");
        }

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(0, await pix.CountAsync($"SELECT count(*) FROM pix.received_pix WHERE end_to_end_id IN ('{e2eFirst}', '{e2eSecond}')"));
        Assert.Equal(0, await pix.CountAsync($"SELECT count(*) FROM pix.charge_status_events WHERE txid = '{first}' AND status = 'CONCLUIDA'"));
        Assert.Equal(0, await pix.CountAsync($"SELECT count(*) FROM ledger.journal_entries WHERE source_id = '{e2eFirst}'"));

        var (retried, _) = await PixHost.SendAsync(psp, HttpMethod.Post, "/v1/psp/webhook/pix", PixHost.Json(body));

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(2, await pix.CountAsync(
            $"SELECT count(*) FROM pix.received_pix WHERE end_to_end_id IN ('{e2eFirst}', '{e2eSecond}') AND accepted"));
        Assert.Equal(2, await pix.CountAsync(
            $"SELECT count(*) FROM pix.charge_status_events WHERE txid IN ('{first}', '{second}') AND status = 'CONCLUIDA'"));
    }

    [Fact]
    public async Task ConcurrentBatches_SameChargesInOppositeOrders_NoDeadlock_EachChargePaidOnce()
    {
        var txids = Enumerable.Range(0, 4).Select(_ => PixHost.NewTxid()).ToList();
        foreach (var txid in txids)
        {
            await pix.PutCobAsync(txid, PixHost.CobBody("2.00"));
        }

        var items = txids.Select(txid => (Txid: txid, E2e: PixHost.NewEndToEndId())).ToList();
        JsonObject Batch(bool reversed) => new()
        {
            ["pix"] = new JsonArray((reversed ? Enumerable.Reverse(items) : items).Select(i => (JsonNode)PixHost.NotifiedPix(i.E2e, i.Txid, "2.00")).ToArray()),
        };
        using var psp = pix.Host.MtlsClient(TestPki.Psp());

        // Taken item by item in arrival order, these locks would cross (batch A holds charge 1 and waits for charge 4,
        // batch B the other way round) and PostgreSQL would abort one batch as a deadlock.
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(n =>
            PixHost.SendAsync(psp, HttpMethod.Post, "/v1/psp/webhook/pix", PixHost.Json(Batch(n % 2 == 1)))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Response.StatusCode));
        foreach (var (txid, e2eid) in items)
        {
            Assert.Equal(1, await pix.CountAsync($"SELECT count(*) FROM pix.received_pix WHERE end_to_end_id = '{e2eid}' AND accepted"));
            Assert.Equal(1, await pix.CountAsync($"SELECT count(*) FROM pix.charge_status_events WHERE txid = '{txid}' AND status = 'CONCLUIDA'"));
            Assert.Equal(0, await pix.CountAsync($"SELECT count(*) FROM pix.flagged_mismatches WHERE txid = '{txid}'"));
        }
    }

    [Fact]
    public async Task Batch_NulCharacterInAnItem_400NothingRecorded()
    {
        var txid = PixHost.NewTxid();
        await pix.PutCobAsync(txid, PixHost.CobBody("5.00"));
        var e2eid = PixHost.NewEndToEndId();
        var good = PixHost.NotifiedPix(e2eid, txid, "5.00").ToJsonString();
        var bad = PixHost.NotifiedPix(PixHost.NewEndToEndId(), PixHost.NewTxid(), "5.00").ToJsonString().Replace(PixHost.ChaveA, "a\\u0000b", StringComparison.Ordinal);
        using var psp = pix.Host.MtlsClient(TestPki.Psp());

        var (response, problem) = await PixHost.SendAsync(psp, HttpMethod.Post, "/v1/psp/webhook/pix", PixHost.Raw($$"""{"pix":[{{good}},{{bad}}]}"""));

        // PostgreSQL text and jsonb cannot hold U+0000: the body is refused as malformed, not retried forever as a 500.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("https://pix.bcb.gov.br/api/v2/error/RequisicaoInvalida", problem["type"]!.GetValue<string>());
        Assert.Equal(0, await pix.CountAsync($"SELECT count(*) FROM pix.received_pix WHERE end_to_end_id = '{e2eid}'"));
    }
}
