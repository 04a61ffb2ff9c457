using System.Net.Http.Json;
using System.Text.Json;
using Gpos.DevTools;
using Gpos.TerminalClient;
using Gpos.TerminalClient.Payments;
using Gpos.WebhookReceiver;

namespace Gpos.Launcher;

/// <summary>Where the demo finds the running system, and as whom it acts.</summary>
internal sealed record DemoSettings(DevPki Pki, Uri Bootstrap, Uri Mtls, Uri Psp, string MerchantId, string PixKey, string Folder)
{
    /// <summary>The merchant backend's certificate (registers the webhook); the dev PKI's merchant.crt by default.</summary>
    public Func<System.Security.Cryptography.X509Certificates.X509Certificate2> MerchantCertificate { get; init; } = () => Pki.LoadClient("merchant");
}

/// <summary>
/// <c>demo</c>: walks a newcomer through the product against the running system, printing each step: ops registers a
/// terminal, the terminal enrolls (its own key, a CSR, mTLS from then on), a card sale is approved, "printed" and
/// confirmed, a card is declined, the card host times out and GPOS reverses the sale, a Pix charge is created with its
/// BR Code and QR, the PSP simulator pays it, GPOS hears of it (PSP webhook), the merchant's own webhook arrives signed
/// at a local receiver, and the ledger is verified.
/// </summary>
internal sealed class DemoTour(DemoSettings settings, TextWriter output)
{
    private const string TestCard = "4111111111111111";
    private const string InsufficientFundsCard = "4000000000009995";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly string[] DemoEventTypes = ["pix.charge.paid", "card.sale.confirmed"];

    private int _step;
    private int _failures;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var store = await EnrollAsync(cancellationToken);
        if (store is null)
        {
            return 1;
        }

        using var agent = TerminalAgent.Open(store);
        var cards = new CardClient(agent.Api.Http);
        await using var receiver = await WebhookReceiverServer.StartAsync(FreePort(), [], cancellationToken);
        using var merchantCertificate = settings.MerchantCertificate();
        using var merchant = new HttpClient(DevTrust.CreateHandler(settings.Pki, merchantCertificate));
        var endpoint = await RegisterWebhookAsync(merchant, receiver, cancellationToken);
        await CardSaleAsync(cards, new DecisionOutbox(store), cancellationToken);
        await DeclinedCardAsync(cards, cancellationToken);
        await HostTimeoutAsync(cards, cancellationToken);
        var txid = await PixAsync(new PixClient(agent.Api.Http), cancellationToken);
        if (endpoint is not null)
        {
            await WebhookArrivesAsync(receiver, txid, cancellationToken);
            using var removed = await merchant.DeleteAsync(new Uri(settings.Mtls, $"/v1/webhooks/endpoints/{endpoint}"), cancellationToken);
        }

        await LedgerVerifyAsync(cancellationToken);
        Say(_failures == 0 ? "\nDemo complete: every step behaved as expected." : $"\nDemo finished with {_failures} unexpected result(s).");
        return _failures == 0 ? 0 : 1;
    }

    private async Task<TerminalStore?> EnrollAsync(CancellationToken cancellationToken)
    {
        Step("Ops registers a terminal for merchant " + settings.MerchantId);
        var serial = "DEMO-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        using var ops = OpsClient();
        using var registered = await ops.PostAsJsonAsync(new Uri(settings.Bootstrap, "/ops/v1/terminals"),
            new { serialNumber = serial, model = "GPOS-DEMO", merchantId = settings.MerchantId }, cancellationToken);
        if (!registered.IsSuccessStatusCode)
        {
            return Fail<TerminalStore>($"registration refused: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync(cancellationToken)}");
        }

        using var body = JsonDocument.Parse(await registered.Content.ReadAsStringAsync(cancellationToken));
        var code = body.RootElement.GetProperty("activationCode").GetString()!;
        Say($"   terminal {body.RootElement.GetProperty("terminalId").GetString()}, serial {serial}, one-time activation code {code}");

        Step("The terminal enrolls: a key pair made on the device, a CSR, a client certificate back");
        var store = TerminalStore.Open(Path.Combine(settings.Folder, serial));
        using var enrollment = new EnrollmentClient(new TerminalEndpoints(settings.Bootstrap, settings.Mtls, settings.Pki.RootCertificatePath));
        var result = await enrollment.EnrollAsync(store, serial, code, cancellationToken);
        if (!result.Succeeded)
        {
            return Fail<TerminalStore>($"enrollment failed: {result.Status} {result.Problem}");
        }

        Say($"   certificate {result.Identity!.CertificateSerialNumber} valid until {result.Identity.NotAfter:u}; store {store.DirectoryPath}");
        return store;
    }

    private async Task CardSaleAsync(CardClient cards, DecisionOutbox outbox, CancellationToken cancellationToken)
    {
        Step("Card sale R$ 25.00 (ISO 8583 0200 to the card host), receipt printed, confirmed");
        var (sale, problem) = await cards.SaleAsync(new CardSaleRequest(2_500, TestCard, "3012"), cancellationToken);
        if (sale is not { Approved: true })
        {
            Fail($"expected an approval, got {sale?.Status ?? problem?.ToString()}");
            return;
        }

        Say($"   {Describe(sale)}");
        outbox.Add(new PendingDecision(sale.Id, CardDecision.Confirm, sale.Amount, sale.MaskedPan, DateTimeOffset.UtcNow));
        var delivery = (await outbox.DeliverAsync(cards, cancellationToken)).Single(d => d.Decision.SaleId == sale.Id);
        Expect(delivery.Sale?.Status == "confirmed", $"   confirmed: {delivery.Sale?.Status ?? delivery.Problem?.ToString()}");
    }

    private async Task DeclinedCardAsync(CardClient cards, CancellationToken cancellationToken)
    {
        Step("A declined card (the simulator's insufficient-funds test card)");
        var (sale, problem) = await cards.SaleAsync(new CardSaleRequest(4_000, InsufficientFundsCard, "3012"), cancellationToken);
        Expect(sale is { Status: "declined", ResponseCode: "51" }, $"   {(sale is null ? problem?.ToString() : Describe(sale))}");
    }

    private async Task HostTimeoutAsync(CardClient cards, CancellationToken cancellationToken)
    {
        Step("The card host never answers (amount ending in 98): declined to the terminal, reversed (0400) by GPOS");
        var (sale, problem) = await cards.SaleAsync(new CardSaleRequest(1_098, TestCard, "3012"), cancellationToken);
        if (sale is null)
        {
            Fail($"no answer from GPOS: {problem}");
            return;
        }

        Say($"   {Describe(sale)}; reversal reason: {sale.ReversalReason}");
        var acknowledged = await EventuallyAsync(async () =>
            (await cards.GetAsync(sale.Id, cancellationToken))?.ReversalAcknowledged == true, cancellationToken);
        Expect(acknowledged, "   the card host acknowledged the reversal (0410): both sides agree the sale did not happen");
    }

    private async Task<string?> RegisterWebhookAsync(HttpClient merchant, WebhookReceiverServer receiver, CancellationToken cancellationToken)
    {
        Step($"The merchant registers a webhook endpoint ({receiver.BaseAddress}) for its payments; the signing secret is shown once");
        using var response = await merchant.PostAsJsonAsync(new Uri(settings.Mtls, "/v1/webhooks/endpoints"),
            new { url = receiver.BaseAddress.ToString(), eventTypes = DemoEventTypes }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return Fail<string>($"registration refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        receiver.Secrets = [body.RootElement.GetProperty("secret").GetString()!];
        var id = body.RootElement.GetProperty("id").GetString();
        Say($"   endpoint {id}");
        return id;
    }

    private async Task WebhookArrivesAsync(WebhookReceiverServer receiver, string? txid, CancellationToken cancellationToken)
    {
        Step("The merchant's webhook arrives: Standard Webhooks headers, HMAC-SHA256 signature verified by the receiver");
        ReceivedWebhook? paid = null;
        var arrived = txid is not null && await EventuallyAsync(() =>
        {
            paid = receiver.Received.FirstOrDefault(r => r.Body.Contains(txid, StringComparison.Ordinal));
            return Task.FromResult(paid is not null);
        }, cancellationToken);
        Expect(arrived && paid!.SignatureValid, arrived
            ? $"   {receiver.Received.Count} event(s); charge paid: webhook-id {paid!.Id}, signature {(paid.SignatureValid ? "valid" : "INVALID")}"
            : "   no webhook for the charge");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<string?> PixAsync(PixClient pix, CancellationToken cancellationToken)
    {
        Step($"Pix charge R$ 15.50 to the key {settings.PixKey} (PUT /v2/cob/{{txid}})");
        var (charge, problem) = await pix.CreateChargeAsync(PixClient.NewTxid(), 1_550, settings.PixKey, "GPOS demo", cancellationToken);
        if (charge?.PixCopiaECola is null)
        {
            Fail($"charge not created: {problem}");
            return null;
        }

        Say($"   txid {charge.Txid}: {charge.Status}\n   Pix Copia e Cola: {charge.PixCopiaECola}");
        Say(TerminalQr.Render(charge.PixCopiaECola));

        Step("The payer's bank pays it (PSP simulator control API)");
        using var psp = new HttpClient(DevTrust.CreateHandler(settings.Pki, settings.Pki.LoadClient("gpos-psp-client")));
        using var paid = await psp.PostAsJsonAsync(new Uri(settings.Psp, $"/control/cob/{charge.Txid}/pay"), new { }, cancellationToken);
        if (!paid.IsSuccessStatusCode)
        {
            Fail($"the PSP simulator did not pay: {(int)paid.StatusCode}");
            return null;
        }

        using var payment = JsonDocument.Parse(await paid.Content.ReadAsStringAsync(cancellationToken));
        Say($"   Pix {payment.RootElement.GetProperty("endToEndId").GetString()} sent");

        Step("GPOS is notified (PSP webhook over mTLS) and marks the charge paid");
        PixCharge? concluded = null;
        var done = await EventuallyAsync(async () =>
            (concluded = (await pix.GetChargeAsync(charge.Txid, cancellationToken)).Charge)?.Status == "CONCLUIDA", cancellationToken);
        Expect(done, $"   txid {charge.Txid}: {concluded?.Status}, Pix {string.Join(", ", concluded?.EndToEndIds ?? [])}");
        return charge.Txid;
    }

    private async Task LedgerVerifyAsync(CancellationToken cancellationToken)
    {
        Step("Ledger verify: every entry balanced, the seal chain unbroken");
        using var ops = OpsClient();
        ops.Timeout = TimeSpan.FromMinutes(5);
        using var verification = JsonDocument.Parse(await ops.GetStringAsync(new Uri(settings.Bootstrap, "/ops/v1/ledger/verify"),
            cancellationToken));
        Expect(verification.RootElement.GetProperty("ok").GetBoolean(), $"   {verification.RootElement}");
    }

    private HttpClient OpsClient()
    {
        var client = DevHttp.Ops(settings.Pki);
        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(250, cancellationToken);
        }

        return false;
    }

    private static string Describe(CardSale sale) =>
        $"sale {sale.Id}: {sale.Status} R$ {Money.Format(sale.Amount)} {sale.MaskedPan}, response {sale.ResponseCode ?? sale.Reason ?? "-"}"
        + (sale.AuthorizationCode is null ? "" : $", auth {sale.AuthorizationCode}");

    private void Step(string title) => Say($"\n{++_step}. {title}");

    private void Say(string line) => output.WriteLine(line);

    private void Expect(bool ok, string line)
    {
        Say(ok ? line : line + "   <-- unexpected");
        _failures += ok ? 0 : 1;
    }

    private void Fail(string reason)
    {
        Say("   FAILED: " + reason);
        _failures++;
    }

    private T? Fail<T>(string reason)
        where T : class
    {
        Fail(reason);
        return null;
    }
}
