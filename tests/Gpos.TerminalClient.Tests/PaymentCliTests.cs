using System.Text.RegularExpressions;
using Gpos.TerminalClient.Cli;
using Gpos.TerminalClient.Payments;

namespace Gpos.TerminalClient.Tests;

/// <summary>gpos-terminal's card and Pix commands against the real GPOS host, card host simulator and PSP simulator.</summary>
public sealed partial class PaymentCliTests(PaymentsServer server) : IClassFixture<PaymentsServer>
{
    private const string Pan = "4111111111111111";

    [Fact]
    public async Task CardSale_Approved_ReceiptPrinted_ConfirmedAtGpos_NoPanInOutputOrStore()
    {
        using var folder = new TempFolder();
        await server.EnrollAsync(folder);

        var result = await RunAsync("card", "sale", "--amount", "12.34", "--installments", "3", "--dir", folder.Path);

        Assert.Equal(ExitCodes.Ok, result.Code);
        Assert.Contains("APPROVED R$ 12.34 411111******1111 in 3x", result.Output, StringComparison.Ordinal);
        Assert.Contains("the sale is confirmed", result.Output, StringComparison.Ordinal);
        var saleId = Guid.Parse(SaleId().Match(result.Output).Groups[1].Value);
        using var agent = TerminalAgent.Open(TerminalStore.Open(folder.Path));
        Assert.Equal("confirmed", (await new CardClient(agent.Api.Http).GetAsync(saleId, CancellationToken.None))!.Status);
        Assert.DoesNotContain(Pan, result.Output, StringComparison.Ordinal);
        Assert.Empty(new DecisionOutbox(TerminalStore.Open(folder.Path)).Pending());
        AssertNoPanIn(folder.Path);
    }

    [Fact]
    public async Task CardSale_ReceiptFails_SaleUndone()
    {
        using var folder = new TempFolder();
        await server.EnrollAsync(folder);

        var result = await RunAsync("card", "sale", "--amount", "20.00", "--receipt", "fail", "--dir", folder.Path);

        Assert.Equal(ExitCodes.Ok, result.Code);
        Assert.Contains("Undo of sale", result.Output, StringComparison.Ordinal);
        Assert.Contains("the sale is reversed", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardSale_Declined_RefusedExitCodeWithResponseCode()
    {
        using var folder = new TempFolder();
        await server.EnrollAsync(folder);

        var result = await RunAsync("card", "sale", "--amount", "10.51", "--dir", folder.Path);

        Assert.Equal(ExitCodes.Refused, result.Code);
        Assert.Contains("DECLINED", result.Output, StringComparison.Ordinal);
        Assert.Contains("response 51", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirmation_GposUnreachable_KeptOnDisk_DeliveredOnNextRun()
    {
        await using var relay = new TcpRelay(server.Host.MtlsPort);
        relay.Online();
        using var folder = new TempFolder();
        var registration = await server.RegisterAsync();
        var store = TerminalStore.Open(folder.Path);
        using (var enrollment = new EnrollmentClient(server.Endpoints with { MtlsBase = relay.Address }))
        {
            Assert.True((await enrollment.EnrollAsync(store, registration.SerialNumber, registration.ActivationCode,
                CancellationToken.None)).Succeeded);
        }

        CardSale sale;
        using (var agent = TerminalAgent.Open(store))
        {
            sale = (await new CardClient(agent.Api.Http).SaleAsync(new CardSaleRequest(4_200, Pan, "3012"), CancellationToken.None)).Sale!;
            Assert.True(sale.Approved);
        }

        await relay.OfflineAsync(); // new connections are refused; the terminal is "switched off" with a decision owed
        using (var agent = TerminalAgent.Open(store))
        {
            var cards = new CardClient(agent.Api.Http);
            var outbox = new DecisionOutbox(store);
            outbox.Add(new PendingDecision(sale.Id, CardDecision.Confirm, sale.Amount, sale.MaskedPan, DateTimeOffset.UtcNow));

            var delivery = Assert.Single(await outbox.DeliverAsync(cards, CancellationToken.None));

            Assert.False(delivery.Delivered);
            var pending = Assert.Single(outbox.Pending());
            Assert.Equal(1, pending.Attempts);
            Assert.NotNull(pending.LastError);
        }

        AssertNoPanIn(folder.Path);
        relay.Online();
        var result = await RunAsync("card", "pending", "--dir", folder.Path); // a new process: the outbox comes from disk

        Assert.Equal(ExitCodes.Ok, result.Code);
        Assert.Contains($"Confirmation of sale {sale.Id} delivered: the sale is confirmed.", result.Output, StringComparison.Ordinal);
        Assert.Empty(new DecisionOutbox(store).Pending());
    }

    [Fact]
    public async Task CardUndo_ApprovedSale_Reversed_AndUnknownSaleIsRefusedNotRetried()
    {
        using var folder = new TempFolder();
        await server.EnrollAsync(folder);
        Guid saleId;
        using (var agent = TerminalAgent.Open(TerminalStore.Open(folder.Path)))
        {
            saleId = (await new CardClient(agent.Api.Http).SaleAsync(new CardSaleRequest(3_000, Pan, "3012"), CancellationToken.None)).Sale!.Id;
        }

        var undo = await RunAsync("card", "undo", "--sale", saleId.ToString(), "--dir", folder.Path);
        var unknown = await RunAsync("card", "undo", "--sale", Guid.NewGuid().ToString(), "--dir", folder.Path);

        Assert.Equal(ExitCodes.Ok, undo.Code);
        Assert.Contains("the sale is reversed", undo.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, unknown.Code);
        Assert.Contains("refused by GPOS: 404", unknown.Output, StringComparison.Ordinal);
        Assert.Empty(new DecisionOutbox(TerminalStore.Open(folder.Path)).Pending());
    }

    [Fact]
    public async Task PixCharge_PrintsBrCodeAndQr_PspPays_StatusConcluida()
    {
        using var folder = new TempFolder();
        await server.EnrollAsync(folder);

        var charge = await RunAsync("pix", "charge", "--amount", "15.50", "--key", PaymentsServer.PixKey, "--dir", folder.Path);

        Assert.Equal(ExitCodes.Ok, charge.Code);
        var txid = Txid().Match(charge.Output).Groups[1].Value;
        Assert.Contains("ATIVA R$ 15.50", charge.Output, StringComparison.Ordinal);
        var code = Regex.Match(charge.Output, "Pix Copia e Cola: (.+)\\n").Groups[1].Value;
        var brCode = BrCode.BrCode.Parse(code); // a dynamic BR Code: the PSP's location, the merchant's name
        Assert.NotNull(brCode.Url);
        Assert.Equal("LOJA TERMINAL", brCode.MerchantName);
        Assert.Contains('█', charge.Output); // the QR, drawn with Unicode blocks
        await server.PayAsync(txid);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        (int Code, string Output, string Error) status;
        do
        {
            await Task.Delay(200);
            status = await RunAsync("pix", "status", txid, "--dir", folder.Path);
        }
        while (!status.Output.Contains("CONCLUIDA", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        Assert.Equal(ExitCodes.Ok, status.Code);
        Assert.Contains($"Pix charge {txid}: CONCLUIDA", status.Output, StringComparison.Ordinal);
        Assert.Contains("Paid: Pix E", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PixRefund_PartOfAPaidPix_AcceptedThenAboveTheRemainderRefused()
    {
        using var folder = new TempFolder();
        await server.EnrollAsync(folder);
        var charge = await RunAsync("pix", "charge", "--amount", "15.50", "--key", PaymentsServer.PixKey, "--dir", folder.Path);
        var txid = Txid().Match(charge.Output).Groups[1].Value;
        await server.PayAsync(txid);
        var e2eid = "";
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (e2eid.Length == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            var status = await RunAsync("pix", "status", txid, "--dir", folder.Path);
            e2eid = Regex.Match(status.Output, "Paid: Pix (E[a-zA-Z0-9]{31})").Groups[1].Value;
        }

        var refund = await RunAsync("pix", "refund", e2eid, "--amount", "5.00", "--id", "termrefund1", "--dir", folder.Path);
        var tooMuch = await RunAsync("pix", "refund", e2eid, "--amount", "11.00", "--dir", folder.Path);

        Assert.Equal(ExitCodes.Ok, refund.Code);
        Assert.Matches("devolução termrefund1: R\\$ 5.00, (EM_PROCESSAMENTO|DEVOLVIDO)", refund.Output);
        Assert.Equal(ExitCodes.Refused, tooMuch.Code); // only R$ 10.50 is left to refund
        Assert.Contains("pix refund failed: 400", tooMuch.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "card", "sale" }, ExitCodes.Usage)]
    [InlineData(new[] { "card", "sale", "--amount", "1,50" }, ExitCodes.Usage)]
    [InlineData(new[] { "card", "sale", "--amount", "0" }, ExitCodes.Usage)]
    [InlineData(new[] { "card", "sale", "--amount", "1.00", "--installments", "100" }, ExitCodes.Usage)]
    [InlineData(new[] { "card", "undo", "--sale", "not-a-guid" }, ExitCodes.Usage)]
    [InlineData(new[] { "card", "refund" }, ExitCodes.Usage)]
    [InlineData(new[] { "pix", "status" }, ExitCodes.Usage)]
    [InlineData(new[] { "pix", "charge", "--amount", "-1" }, ExitCodes.Usage)]
    [InlineData(new[] { "pix", "refund", "E00000000202611230000000000000001" }, ExitCodes.Usage)]
    public async Task PaymentCommands_BadArguments_UsageExitCode(string[] args, int expected)
    {
        using var folder = new TempFolder();
        await server.EnrollAsync(folder);

        var result = await RunAsync([.. args, "--dir", folder.Path]);

        Assert.Equal(expected, result.Code);
        Assert.Contains("gpos-terminal", result.Error, StringComparison.Ordinal);
    }

    private static void AssertNoPanIn(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(Pan, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Cli.Cli.RunAsync(args, output, error, TimeProvider.System, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [GeneratedRegex("Sale ([0-9a-f-]{36}):")]
    private static partial Regex SaleId();

    [GeneratedRegex("Pix charge ([A-Za-z0-9]+):")]
    private static partial Regex Txid();
}
