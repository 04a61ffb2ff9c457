using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Gpos.Ledger.Contracts;
using Gpos.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gpos.Pix.Tests;

/// <summary>Inbound PSP notifications: PSP certificate only, dedupe on endToEndId, never trust the body alone.</summary>
public sealed class WebhookTests(PixHost pix) : IClassFixture<PixHost>
{
    public static TheoryData<string, string> NonPspCallers => new()
    {
        { "merchant", "/v1/psp/webhook/pix" },
        { "terminal", "/v1/psp/webhook/pix" },
        { "merchant", "/v1/psp/webhook" },
        { "terminal", "/v1/psp/webhook" },
    };

    [Theory]
    [MemberData(nameof(NonPspCallers))]
    public async Task Webhook_MerchantOrTerminalCertificate_403NothingRecorded(string caller, string path)
    {
        using var client = pix.Host.MtlsClient(caller == "merchant" ? TestPki.Merchant(PixHost.MerchantA) : TestPki.Terminal("t-9", PixHost.MerchantA));
        var before = await pix.CountAsync("SELECT count(*) FROM pix.received_pix");

        var (response, _) = await PixHost.SendAsync(client, HttpMethod.Post, path, PixHost.Json(Notification(PixHost.NewEndToEndId(), PixHost.NewTxid(), "1.00")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await pix.CountAsync("SELECT count(*) FROM pix.received_pix"));
    }

    [Theory]
    [InlineData("{\"pix\":[")]
    [InlineData("not json")]
    [InlineData("{\"pix\":{}}")]
    public async Task Webhook_MalformedBody_400NothingRecorded(string body)
    {
        using var psp = pix.Host.MtlsClient(TestPki.Psp());
        var before = await pix.CountAsync("SELECT (SELECT count(*) FROM pix.received_pix) + (SELECT count(*) FROM pix.flagged_mismatches)");

        var (response, _) = await PixHost.SendAsync(psp, HttpMethod.Post, "/v1/psp/webhook/pix", PixHost.Raw(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await pix.CountAsync("SELECT (SELECT count(*) FROM pix.received_pix) + (SELECT count(*) FROM pix.flagged_mismatches)"));
    }

    [Fact]
    public async Task Webhook_WrongAmount_FlaggedAndChargeNotPaid()
    {
        var txid = PixHost.NewTxid();
        await pix.PutCobAsync(txid, PixHost.CobBody("37.00"));

        var paid = await pix.PayAsync(txid, "1.00");
        var e2eid = paid["endToEndId"]!.GetValue<string>();

        await PixHost.EventuallyAsync(async () =>
            await pix.CountAsync($"SELECT count(*) FROM pix.flagged_mismatches WHERE end_to_end_id = '{e2eid}' AND kind = 'amount_mismatch'") == 1,
            "amount mismatch flagged");
        var (_, cob) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/cob/{txid}");
        Assert.Equal("ATIVA", cob["status"]!.GetValue<string>());
        Assert.Empty(cob["pix"]!.AsArray());
        // Money received is accounted, but as owed back (merchant's refunds account), never as the merchant's income.
        Assert.Equal(0, await pix.CountAsync($"SELECT count(*) FROM ledger.journal_entries WHERE source_id = '{e2eid}' AND event_kind = 'received'"));
        Assert.Equal(1, await pix.CountAsync($"SELECT count(*) FROM ledger.journal_entries WHERE source_id = '{e2eid}' AND event_kind = 'flagged'"));
        var entry = await pix.Host.Services.GetRequiredService<ILedgerQueries>().FindEntryAsync(new SourceKey("pix", e2eid, "flagged"), default);
        Assert.Contains(entry!.Postings, p => p.AccountCode == $"merchant:{PixHost.MerchantA}:refunds:brl" && p.Direction == BalanceSide.Credit
            && p.Amount == 100);
        await PixHost.EventuallyAsync(async () =>
            await pix.CountAsync($"SELECT count(*) FROM pix.flagged_mismatches WHERE txid = '{txid}' AND kind = 'psp_requery'") == 1,
            "PSP re-queried for the flagged charge");
    }

    [Fact]
    public async Task Webhook_DuplicatesAndOutOfOrderReplays_ChangeNothing()
    {
        var txid = PixHost.NewTxid();
        await pix.PutCobAsync(txid, PixHost.CobBody("8.00"));
        var e2eid = (await pix.PayAsync(txid))["endToEndId"]!.GetValue<string>();
        await PixHost.EventuallyAsync(async () =>
            (await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/cob/{txid}")).Body["status"]?.GetValue<string>() == "CONCLUIDA",
            "charge CONCLUIDA");
        var snapshot = await SnapshotAsync(txid);

        var (replay, _) = await PixHost.SendAsync(pix.PspClient, HttpMethod.Post, "control/webhooks/replay", PixHost.Json(new JsonObject
        {
            ["source"] = "sent",
            ["endToEndIds"] = new JsonArray(e2eid),
            ["copies"] = 3,
            ["batch"] = true,
            ["order"] = "reversed",
            ["duplicateWithinBatch"] = true,
            ["wait"] = true,
        }));

        Assert.True(replay.IsSuccessStatusCode);
        Assert.Equal(snapshot, await SnapshotAsync(txid));
    }

    [Fact]
    public async Task Webhook_BatchWithDuplicateAndUnknownTxid_200PaidOnceUnknownFlagged()
    {
        var txid = PixHost.NewTxid();
        await pix.PutCobAsync(txid, PixHost.CobBody("4.00"));
        var e2eid = PixHost.NewEndToEndId();
        var unknown = PixHost.NewEndToEndId();
        var item = Notification(e2eid, txid, "4.00")["pix"]![0]!;
        var body = new JsonObject
        {
            ["pix"] = new JsonArray(item.DeepClone(), Notification(unknown, PixHost.NewTxid(), "4.00")["pix"]![0]!.DeepClone(), item.DeepClone()),
        };
        using var psp = pix.Host.MtlsClient(TestPki.Psp());

        var (response, _) = await PixHost.SendAsync(psp, HttpMethod.Post, "/v1/psp/webhook", PixHost.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await pix.CountAsync($"SELECT count(*) FROM pix.received_pix WHERE end_to_end_id = '{e2eid}' AND accepted"));
        Assert.Equal(1, await pix.CountAsync($"SELECT count(*) FROM pix.flagged_mismatches WHERE end_to_end_id = '{unknown}' AND kind = 'unknown_charge'"));
        Assert.Equal(1, await pix.CountAsync($"SELECT count(*) FROM ledger.journal_entries WHERE source_id = '{e2eid}'"));
        Assert.Equal(1, await pix.CountAsync(
            $"SELECT count(*) FROM ledger.journal_entries WHERE source_id = '{unknown}' AND event_kind = 'flagged'"));
        var (_, cob) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/cob/{txid}");
        Assert.Equal("CONCLUIDA", cob["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Webhook_PaymentAfterExpiry_RecordedAndFlaggedForRefund()
    {
        var txid = PixHost.NewTxid();
        await pix.PutCobAsync(txid, PixHost.CobBody("9.00")); // expiracao 3600 s
        var e2eid = PixHost.NewEndToEndId();
        var late = DateTimeOffset.UtcNow.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        using var psp = pix.Host.MtlsClient(TestPki.Psp());

        var (response, _) = await PixHost.SendAsync(psp, HttpMethod.Post, "/v1/psp/webhook/pix",
            PixHost.Json(Notification(e2eid, txid, "9.00", late)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await pix.CountAsync($"SELECT count(*) FROM pix.received_pix WHERE end_to_end_id = '{e2eid}' AND NOT accepted"));
        Assert.Equal(1, await pix.CountAsync($"SELECT count(*) FROM pix.flagged_mismatches WHERE end_to_end_id = '{e2eid}' AND kind = 'paid_after_expiry'"));
        Assert.Equal(1, await pix.CountAsync(
            $"SELECT count(*) FROM ledger.journal_entries WHERE source_id = '{e2eid}' AND event_kind = 'flagged'"));
        var (_, cob) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/cob/{txid}");
        Assert.Equal("ATIVA", cob["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetPix_OtherMerchant_PixNaoEncontrado()
    {
        var txid = PixHost.NewTxid();
        await pix.PutCobAsync(txid, PixHost.CobBody("2.00"));
        var e2eid = (await pix.PayAsync(txid))["endToEndId"]!.GetValue<string>();
        await PixHost.EventuallyAsync(async () =>
            await pix.CountAsync($"SELECT count(*) FROM pix.received_pix WHERE end_to_end_id = '{e2eid}'") == 1, "pix recorded");
        using var merchantB = pix.Host.MtlsClient(TestPki.Merchant(PixHost.MerchantB));

        var (response, problem) = await PixHost.SendAsync(merchantB, HttpMethod.Get, $"/v2/pix/{e2eid}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("https://pix.bcb.gov.br/api/v2/error/PixNaoEncontrado", problem["type"]!.GetValue<string>());
    }

    private async Task<string> SnapshotAsync(string txid) => string.Join("/",
        await pix.CountAsync($"SELECT count(*) FROM pix.received_pix WHERE txid = '{txid}'"),
        await pix.CountAsync($"SELECT count(*) FROM pix.charge_status_events WHERE txid = '{txid}'"),
        await pix.CountAsync($"SELECT count(*) FROM pix.flagged_mismatches WHERE txid = '{txid}'"),
        await pix.CountAsync("SELECT count(*) FROM ledger.journal_entries"));

    private static JsonObject Notification(string e2eid, string txid, string valor, string? horario = null) =>
        new() { ["pix"] = new JsonArray(PixHost.NotifiedPix(e2eid, txid, valor, horario)) };
}
