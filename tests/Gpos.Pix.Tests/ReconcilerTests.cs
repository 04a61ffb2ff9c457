using System.Net;
using System.Text.Json.Nodes;
using Gpos.Pix.Psp;
using Microsoft.Extensions.DependencyInjection;

namespace Gpos.Pix.Tests;

/// <summary>A host whose reconciler treats every intent as stale and every ATIVA charge as due for comparison.</summary>
public sealed class ReconcilingPixHost : PixHost
{
    protected override IDictionary<string, string?> PixSettings
    {
        get
        {
            var settings = base.PixSettings;
            settings["Gpos:Pix:ReconcileMinimumAge"] = "00:00:00";
            settings["Gpos:Pix:IntentAbandonAfter"] = "00:00:00";
            return settings;
        }
    }
}

/// <summary>The background reconciler: lost payment webhooks, intents the PSP never answered.</summary>
public sealed class ReconcilerTests(ReconcilingPixHost pix) : IClassFixture<ReconcilingPixHost>
{
    [Fact]
    public async Task RunOnce_PaymentWebhookLost_PixRecoveredFromThePspAndPaid()
    {
        using var merchant = await TestMerchant.CreateAsync(pix);
        using (var removed = await pix.PspClient.DeleteAsync(new Uri($"v2/webhook/{Uri.EscapeDataString(merchant.Chave)}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        var txid = PixHost.NewTxid();
        await pix.PutCobAsync(txid, PixHost.CobBody("11.00", merchant.Chave), merchant.Client);
        var e2eid = (await pix.PayAsync(txid))["endToEndId"]!.GetValue<string>();
        Assert.Equal("PROCESSING", await TestMerchant.StateAsync(pix, e2eid));

        await Reconciler().RunOnceAsync(CancellationToken.None);

        Assert.Equal("PAID", await TestMerchant.StateAsync(pix, e2eid));
        var (_, cob) = await PixHost.SendAsync(merchant.Client, HttpMethod.Get, $"/v2/cob/{txid}");
        Assert.Equal("CONCLUIDA", cob["status"]!.GetValue<string>());
        Assert.Equal(1100, (await TestMerchant.BalanceAsync(pix, merchant.Payable)).Balance);
        await TestMerchant.AssertLedgerVerifiesAsync(pix);
    }

    [Fact]
    public async Task RunOnce_ReleaseWebhookLost_BlockedPixRefreshedFromThePsp()
    {
        using var merchant = await TestMerchant.CreateAsync(pix);
        var e2eid = await merchant.PaidPixAsync(pix, "13.00", new JsonObject { ["bloqueioCautelar"] = true });
        Assert.Equal("BLOCKED", await TestMerchant.StateAsync(pix, e2eid));
        using (var removed = await pix.PspClient.DeleteAsync(new Uri($"v2/webhook/{Uri.EscapeDataString(merchant.Chave)}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        var (released, _) = await PixHost.SendAsync(pix.PspClient, HttpMethod.Post, $"control/pix/{e2eid}/release");
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);

        await Reconciler().RunOnceAsync(CancellationToken.None);

        Assert.Equal("PAID", await TestMerchant.StateAsync(pix, e2eid));
        Assert.Equal(1300, (await TestMerchant.BalanceAsync(pix, merchant.Payable)).Balance);
        Assert.Equal(0, (await TestMerchant.BalanceAsync(pix, merchant.Blocked)).Balance);
        await TestMerchant.AssertLedgerVerifiesAsync(pix);
    }

    [Fact]
    public async Task RunOnce_StaleIntentThePspNeverGot_AbandonedWithoutAnotherPut()
    {
        var txid = PixHost.NewTxid();
        await pix.AddFaultAsync(new JsonObject { ["endpoint"] = "PUT /cob/{txid}", ["txid"] = txid, ["kind"] = "error", ["status"] = 503, ["count"] = 10 });
        var (unavailable, _) = await pix.PutCobAsync(txid, PixHost.CobBody("4.00"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        await pix.ClearFaultsAsync();
        var puts = await pix.PspCallsAsync("PUT /cob/{txid}", txid);

        await Reconciler().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, await pix.CountAsync($"""
            SELECT count(*) FROM pix.psp_results x JOIN pix.psp_intents i ON i.id = x.intent_id WHERE i.txid = '{txid}' AND x.outcome = 'REJECTED'
            """));
        Assert.Equal(1, await pix.CountAsync($"SELECT count(*) FROM pix.charge_status_events WHERE txid = '{txid}' AND status = 'REMOVIDA_PELO_PSP'"));
        Assert.Equal(puts, await pix.PspCallsAsync("PUT /cob/{txid}", txid));
        Assert.Equal(1, await pix.PspCallsAsync("GET /cob/{txid}", txid));
    }

    [Fact]
    public async Task RunOnce_StaleIntentCreatedAtThePspButAnswerLost_CompletedFromThePspsCopy()
    {
        var txid = PixHost.NewTxid();
        await pix.AddFaultAsync(new JsonObject
        {
            ["endpoint"] = "PUT /cob/{txid}", ["txid"] = txid, ["kind"] = "commitThenDrop", ["afterHeaders"] = true, ["count"] = 1,
        });
        await pix.AddFaultAsync(new JsonObject { ["endpoint"] = "PUT /cob/{txid}", ["txid"] = txid, ["kind"] = "error", ["status"] = 503, ["count"] = 10 });
        var (unavailable, _) = await pix.PutCobAsync(txid, PixHost.CobBody("6.00"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        await pix.ClearFaultsAsync();

        await Reconciler().RunOnceAsync(CancellationToken.None);

        var (read, cob) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/cob/{txid}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("ATIVA", cob["status"]!.GetValue<string>());
        Assert.NotNull(cob["pixCopiaECola"]);
        await OfficialSchemas.AssertAsync("CobCompleta", cob);
    }

    private PspReconciler Reconciler() => pix.Host.Services.GetRequiredService<PspReconciler>();
}
