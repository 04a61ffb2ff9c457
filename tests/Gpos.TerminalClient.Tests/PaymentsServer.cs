using System.Globalization;
using System.Net.Http.Json;
using Gpos.CardHostSimulator;
using Gpos.PspSimulator;
using Gpos.Testing;
using Microsoft.Extensions.Logging;

namespace Gpos.TerminalClient.Tests;

/// <summary>
/// The real GPOS host wired to the real card host simulator (ISO 8583 over TCP) and the real PSP simulator (API Pix over
/// HTTPS with mTLS), with the terminals' merchant owning a Pix key whose payments the PSP notifies to GPOS.
/// </summary>
public sealed class PaymentsServer : GposServer
{
    public const string PixKey = "pix@merchant-tc.example";

    private CardHostSimulatorServer? _cardHost;
    private PspSimulatorServer? _psp;

    public CardHostSimulatorServer CardHost => _cardHost ?? throw new InvalidOperationException("not started");

    public PspSimulatorServer Psp => _psp ?? throw new InvalidOperationException("not started");

    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var pki = TestPki.Pki;
            var settings = base.Settings;
            settings["Gpos:Cards:TokenKey"] = "terminal-client-tests-cards-token-key-0123456789";
            settings["Gpos:Cards:HostAddress"] = "127.0.0.1";
            settings["Gpos:Cards:HostPort"] = CardHost.Port.ToString(CultureInfo.InvariantCulture);
            settings["Gpos:Cards:RequestTimeout"] = "00:00:02";
            settings["Gpos:Cards:WorkerInterval"] = "00:00:00.200";
            settings["Gpos:Cards:ReversalRetryDelay"] = "00:00:00.200";
            settings["Gpos:Webhooks:AllowPrivateTargets"] = "true"; // the demo's receiver listens on loopback http
            return settings.WithPsp(Psp.BaseAddress);
        }
    }

    /// <summary>GPOS's view of the PSP simulator (API Pix and control API), with GPOS's PSP client certificate.</summary>
    public HttpClient PspClient() => TestHttp.Create(Psp.BaseAddress, TestPki.Pki.LoadClient("gpos-psp-client"));

    /// <summary>The PSP simulator pays the charge in full (as a payer's bank would), then notifies GPOS.</summary>
    public async Task PayAsync(string txid)
    {
        using var psp = PspClient();
        using var response = await psp.PostAsJsonAsync(new Uri($"control/cob/{txid}/pay", UriKind.Relative), new { });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    protected override async Task StartDependenciesAsync()
    {
        _cardHost = await CardHostSimulatorServer.StartAsync(new CardHostSimulatorOptions { Port = 0, ControlPort = 0 });
        var options = PspSimulatorOptions.FromDevPki(TestPki.Pki, port: 0);
        options.ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning);
        _psp = await PspSimulatorServer.StartAsync(options);
    }

    protected override async Task SeedAsync()
    {
        using (var ops = OpsClient())
        {
            using var key = await ops.PostAsJsonAsync(new Uri("/ops/v1/pix/keys", UriKind.Relative),
                new { chave = PixKey, merchantId = "merchant-tc", merchantName = "LOJA TERMINAL", merchantCity = "SAO PAULO" });
            Assert.Equal(System.Net.HttpStatusCode.Created, key.StatusCode);
        }

        using var psp = PspClient();
        using var webhook = await psp.PutAsJsonAsync(new Uri($"v2/webhook/{Uri.EscapeDataString(PixKey)}", UriKind.Relative),
            new { webhookUrl = new Uri(Host.MtlsBase, "v1/psp/webhook").ToString() });
        webhook.EnsureSuccessStatusCode();
    }

    protected override async Task StopDependenciesAsync()
    {
        if (_psp is not null)
        {
            await _psp.DisposeAsync();
        }

        if (_cardHost is not null)
        {
            await _cardHost.DisposeAsync();
        }
    }
}
