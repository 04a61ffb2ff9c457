using System.Net;
using System.Net.Http.Json;
using Gpos.DevTools;

namespace Gpos.Launcher;

/// <summary>
/// What a newcomer needs to try Pix at once: the dev merchant's Pix key registered in GPOS, and GPOS's webhook URL
/// registered for that key at the PSP simulator. Idempotent: a second run finds both in place.
/// </summary>
internal static class DevData
{
    public const string DevPixKey = "pix@merchant-dev.example";

    public static async Task SeedAsync(DevPki pki, int bootstrapPort, int mtlsPort, int pspPort, Action<string> say,
        CancellationToken cancellationToken)
    {
        using (var ops = DevHttp.Ops(pki))
        {
            using var key = await ops.PostAsJsonAsync(new Uri($"https://localhost:{bootstrapPort}/ops/v1/pix/keys"),
                new { chave = DevPixKey, merchantId = DevPki.MerchantId, merchantName = "LOJA GPOS DEV", merchantCity = "SAO PAULO" },
                cancellationToken);
            say(key.IsSuccessStatusCode || key.StatusCode == HttpStatusCode.Conflict
                ? $"Pix key {DevPixKey} belongs to {DevPki.MerchantId}"
                : $"Could not register the dev Pix key ({(int)key.StatusCode})");
        }

        using var gposAtPsp = DevHttp.Create(pki, pki.LoadClient("gpos-psp-client"));
        using var webhook = await gposAtPsp.PutAsJsonAsync(
            new Uri($"https://localhost:{pspPort}/v2/webhook/{Uri.EscapeDataString(DevPixKey)}"),
            new { webhookUrl = $"https://localhost:{mtlsPort}/v1/psp/webhook" }, cancellationToken);
        say(webhook.IsSuccessStatusCode
            ? "PSP simulator posts payment notifications to GPOS"
            : $"Could not register GPOS's webhook at the PSP simulator ({(int)webhook.StatusCode})");
    }
}
