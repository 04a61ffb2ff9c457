using System.Net;
using System.Text.Json.Nodes;

namespace Gpos.Pix.Tests;

/// <summary>
/// The received Pix state machine driven by the real PSP simulator: cautelar block, release, MED returns, and a
/// transition the machine does not list (recorded, refused, alerted, no ledger change).
/// </summary>
public sealed class LifecycleTests(PixHost pix) : IClassFixture<PixHost>
{
    [Fact]
    public async Task BlockedAtReceipt_ThenReleased_FundsMoveFromBlockedToPayable()
    {
        using var merchant = await TestMerchant.CreateAsync(pix);
        var e2eid = await merchant.PaidPixAsync(pix, "40.00", new JsonObject { ["bloqueioCautelar"] = true });

        Assert.Equal("BLOCKED", await TestMerchant.StateAsync(pix, e2eid));
        Assert.Equal("BLOCKED", await MerchantViewStateAsync(merchant.Client, e2eid));
        Assert.Equal(4000, (await TestMerchant.BalanceAsync(pix, merchant.Blocked)).Balance);
        var payable = await TestMerchant.BalanceAsync(pix, merchant.Payable);
        Assert.Equal(0, payable.Balance);
        Assert.Equal(4000, payable.CreditsPending); // the cautelar hold, pending release
        var (refund, refundBody) = await RefundTests.PutDevolucaoAsync(merchant.Client, e2eid, "b1", """{"valor":"1.00"}""");
        Assert.Equal(HttpStatusCode.BadRequest, refund.StatusCode);
        Assert.Equal("pix", refundBody["violacoes"]![0]!["propriedade"]!.GetValue<string>());

        await ControlAsync($"control/pix/{e2eid}/release");

        await TestMerchant.EventuallyStateAsync(pix, e2eid, "PAID");
        Assert.Equal("PAID", await MerchantViewStateAsync(merchant.Client, e2eid));
        Assert.Equal(0, (await TestMerchant.BalanceAsync(pix, merchant.Blocked)).Balance);
        payable = await TestMerchant.BalanceAsync(pix, merchant.Payable);
        Assert.Equal(4000, payable.Balance);
        Assert.Equal(0, payable.CreditsPending);
        await TestMerchant.AssertLedgerVerifiesAsync(pix);
    }

    [Fact]
    public async Task BlockedAtReceipt_ThenMedReturn_ReturnedAndNothingOwedToMerchant()
    {
        using var merchant = await TestMerchant.CreateAsync(pix);
        var e2eid = await merchant.PaidPixAsync(pix, "25.00", new JsonObject { ["bloqueioCautelar"] = true });

        await ControlAsync($"control/pix/{e2eid}/med", new JsonObject { ["natureza"] = "MED_FRAUDE", ["id"] = "medfraude1" });

        await TestMerchant.EventuallyStateAsync(pix, e2eid, "RETURNED");
        Assert.Equal(0, (await TestMerchant.BalanceAsync(pix, merchant.Blocked)).Balance);
        var payable = await TestMerchant.BalanceAsync(pix, merchant.Payable);
        Assert.Equal(0, payable.Balance);
        Assert.Equal(0, payable.CreditsPending);
        var (_, received) = await PixHost.SendAsync(merchant.Client, HttpMethod.Get, $"/v2/pix/{e2eid}");
        var devolucao = Assert.Single(received["devolucoes"]!.AsArray())!;
        Assert.Equal("MED_FRAUDE", devolucao["natureza"]!.GetValue<string>());
        Assert.Equal("DEVOLVIDO", devolucao["status"]!.GetValue<string>());
        await OfficialSchemas.AssertAsync("Pix", received);
        var (_, byId) = await PixHost.SendAsync(merchant.Client, HttpMethod.Get, $"/v2/pix/{e2eid}/devolucao/medfraude1");
        await OfficialSchemas.AssertAsync("Devolucao", byId);
        await TestMerchant.AssertLedgerVerifiesAsync(pix);
    }

    [Fact]
    public async Task Paid_ThenPartialMedReturn_PartiallyReturnedAndRefundCappedByWhatIsLeft()
    {
        using var merchant = await TestMerchant.CreateAsync(pix);
        var e2eid = await merchant.PaidPixAsync(pix, "30.00");

        await ControlAsync($"control/pix/{e2eid}/med", new JsonObject { ["natureza"] = "MED_OPERACIONAL", ["valor"] = "12.50" });

        await TestMerchant.EventuallyStateAsync(pix, e2eid, "PARTIALLY_RETURNED");
        Assert.Equal(1750, (await TestMerchant.BalanceAsync(pix, merchant.Payable)).Balance);
        var (above, _) = await RefundTests.PutDevolucaoAsync(merchant.Client, e2eid, "rest1", """{"valor":"17.51"}""");
        Assert.Equal(HttpStatusCode.BadRequest, above.StatusCode);
        var inicio = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var fim = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var (_, list) = await PixHost.SendAsync(merchant.Client, HttpMethod.Get, $"/v2/pix?inicio={inicio}&fim={fim}");
        Assert.Equal("MED_OPERACIONAL", list["pix"]![0]!["devolucoes"]![0]!["natureza"]!.GetValue<string>());
        await OfficialSchemas.AssertAsync("PixConsultados", list);
        var (_, withReturns) = await PixHost.SendAsync(merchant.Client, HttpMethod.Get, $"/v2/pix?inicio={inicio}&fim={fim}&devolucaoPresente=true");
        var (_, withoutReturns) = await PixHost.SendAsync(merchant.Client, HttpMethod.Get, $"/v2/pix?inicio={inicio}&fim={fim}&devolucaoPresente=false");
        var (badFilter, _) = await PixHost.SendAsync(merchant.Client, HttpMethod.Get, $"/v2/pix?inicio={inicio}&fim={fim}&devolucaoPresente=sim");
        Assert.Single(withReturns["pix"]!.AsArray());
        Assert.Empty(withoutReturns["pix"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        await TestMerchant.AssertLedgerVerifiesAsync(pix);
    }

    [Fact]
    public async Task Paid_ThenBlockNotification_RefusedRecordedAlertedLedgerUnchanged()
    {
        using var merchant = await TestMerchant.CreateAsync(pix);
        var e2eid = await merchant.PaidPixAsync(pix, "12.00");
        var entries = await pix.CountAsync("SELECT count(*) FROM ledger.journal_entries");
        var holds = await pix.CountAsync("SELECT count(*) FROM ledger.holds");

        await ControlAsync($"control/pix/{e2eid}/block", new JsonObject { ["motivo"] = "suspeita tardia" });

        await PixHost.EventuallyAsync(async () => await pix.CountAsync(
            $"SELECT count(*) FROM pix.pix_events WHERE end_to_end_id = '{e2eid}' AND transition = 'BLOCK' AND NOT accepted") == 1, "refused block");
        Assert.Equal("PAID", await TestMerchant.StateAsync(pix, e2eid));
        Assert.Equal(entries, await pix.CountAsync("SELECT count(*) FROM ledger.journal_entries"));
        Assert.Equal(holds, await pix.CountAsync("SELECT count(*) FROM ledger.holds"));
        Assert.Equal(1200, (await TestMerchant.BalanceAsync(pix, merchant.Payable)).Balance);
        Assert.True(await pix.Host.Logs.WaitForAsync(l => l.Contains("ALERT", StringComparison.Ordinal) && l.Contains(e2eid, StringComparison.Ordinal)));
        await TestMerchant.AssertLedgerVerifiesAsync(pix);
    }

    [Fact]
    public async Task BlockReleaseReplayedStaleAndDuplicated_ChangesNothing()
    {
        using var merchant = await TestMerchant.CreateAsync(pix);
        var e2eid = await merchant.PaidPixAsync(pix, "7.00", new JsonObject { ["bloqueioCautelar"] = true });
        await ControlAsync($"control/pix/{e2eid}/release");
        await TestMerchant.EventuallyStateAsync(pix, e2eid, "PAID");
        var before = await SnapshotAsync(e2eid);

        await ControlAsync("control/webhooks/replay", new JsonObject
        {
            ["source"] = "sent",
            ["endToEndIds"] = new JsonArray(e2eid),
            ["copies"] = 2,
            ["order"] = "reversed",
            ["wait"] = true,
        });

        Assert.Equal(before, await SnapshotAsync(e2eid));
        Assert.Equal("PAID", await TestMerchant.StateAsync(pix, e2eid));
    }

    private async Task<string> SnapshotAsync(string e2eid) => string.Join("/",
        await pix.CountAsync($"SELECT count(*) FROM pix.pix_events WHERE end_to_end_id = '{e2eid}'"),
        await pix.CountAsync("SELECT count(*) FROM ledger.journal_entries"),
        await pix.CountAsync("SELECT count(*) FROM ledger.hold_resolutions"));

    private async Task ControlAsync(string path, JsonObject? body = null)
    {
        var (response, _) = await PixHost.SendAsync(pix.PspClient, HttpMethod.Post, path, PixHost.Json(body ?? []));
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
    }

    /// <summary>The state as the merchant sees it: <c>gposEstado</c> of <c>GET /v2/pix/{e2eid}</c>.</summary>
    private static async Task<string> MerchantViewStateAsync(HttpClient merchant, string e2eid)
    {
        var (response, body) = await PixHost.SendAsync(merchant, HttpMethod.Get, $"/v2/pix/{e2eid}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return body["gposEstado"]!.GetValue<string>();
    }
}
