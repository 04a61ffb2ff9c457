using System.Net;
using System.Text.Json.Nodes;
using Gpos.Ledger.Contracts;
using Gpos.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gpos.Pix.Tests;

/// <summary>A merchant of its own (key, webhook at the PSP, certificate), so its ledger accounts start at zero.</summary>
public sealed class TestMerchant(PixHost pix, string id, string chave) : IDisposable
{
    public string Id { get; } = id;

    public string Chave { get; } = chave;

    public HttpClient Client { get; } = pix.Host.MtlsClient(TestPki.Merchant(id));

    public string Payable => $"merchant:{Id}:payable:brl";

    public string Blocked => $"merchant:{Id}:blocked:brl";

    public static async Task<TestMerchant> CreateAsync(PixHost pix)
    {
        var id = "m-" + Guid.NewGuid().ToString("N")[..12];
        var chave = id + "@example.com";
        await pix.RegisterKeyAsync(chave, id, "LOJA TESTE", "SAO PAULO");
        var (response, _) = await PixHost.SendAsync(pix.PspClient, HttpMethod.Put, $"v2/webhook/{Uri.EscapeDataString(chave)}",
            PixHost.Json(new JsonObject { ["webhookUrl"] = new Uri(pix.Host.MtlsBase, "v1/psp/webhook").ToString() }));
        response.EnsureSuccessStatusCode();
        return new TestMerchant(pix, id, chave);
    }

    /// <summary>Creates a charge, pays it at the PSP (extra control fields in <paramref name="pay"/>) and waits until GPOS applied it.</summary>
    public async Task<string> PaidPixAsync(PixHost pix, string valor, JsonObject? pay = null)
    {
        var txid = PixHost.NewTxid();
        var (created, _) = await pix.PutCobAsync(txid, PixHost.CobBody(valor, Chave), Client);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var (paid, body) = await PixHost.SendAsync(pix.PspClient, HttpMethod.Post, $"control/cob/{txid}/pay", PixHost.Json(pay ?? []));
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        var e2eid = body["endToEndId"]!.GetValue<string>();
        await PixHost.EventuallyAsync(async () => await StateAsync(pix, e2eid) != "PROCESSING", "Pix applied by GPOS");
        return e2eid;
    }

    public static Task<string> StateAsync(PixHost pix, string e2eid) => pix.Host.Database.AdminScalarAsync<string>($"""
        SELECT coalesce((SELECT to_state FROM pix.pix_events WHERE end_to_end_id = '{PixHost.Sql(e2eid)}' AND accepted ORDER BY id DESC LIMIT 1),
                        'PROCESSING')
        """);

    public static async Task EventuallyStateAsync(PixHost pix, string e2eid, string state) =>
        await PixHost.EventuallyAsync(async () => await StateAsync(pix, e2eid) == state, $"Pix {e2eid} {state}");

    public static async Task<AccountBalance> BalanceAsync(PixHost pix, string account) =>
        await pix.Host.Services.GetRequiredService<ILedgerQueries>().GetBalanceAsync(account, CancellationToken.None)
        ?? new AccountBalance(account, AccountType.Suspense, null, "BRL", BalanceSide.Credit, 0, 0, 0, 0);

    public static async Task AssertLedgerVerifiesAsync(PixHost pix)
    {
        var verification = await pix.Host.Services.GetRequiredService<ILedgerVerifier>().VerifyAsync(CancellationToken.None);
        Assert.True(verification.Ok, $"ledger verify: {verification.FirstBreak}");
    }

    public void Dispose() => Client.Dispose();
}
