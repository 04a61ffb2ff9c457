using System.Net;
using Gpos.Cards.Tests.Infrastructure;
using Gpos.Testing;
using static Gpos.Cards.Tests.Infrastructure.CardsApi;

namespace Gpos.Cards.Tests;

/// <summary>Pre-authorization completion (0220 advice) and installments (DE48) against the real card host simulator.</summary>
public sealed class PreauthorizationCompletionTests(CardsFixture fixture) : IClassFixture<CardsFixture>
{
    private GposTestHost Host => fixture.Environment.Host;

    private static async Task<string> PreauthorizeAsync(HttpClient client, long amount)
    {
        using var created = await SaleAsync(client, amount, path: "/v1/card/preauthorizations");
        var preauth = await JsonAsync(created);
        Assert.Equal("approved", preauth.GetProperty("status").GetString());
        return preauth.GetProperty("id").GetString()!;
    }

    private static Task<HttpResponseMessage> CompleteAsync(HttpClient client, string id, long amount, string? key = null) =>
        PostAsync(client, $"/v1/card/preauthorizations/{id}/completion", new { amount }, key);

    [Fact]
    public async Task Completion_BelowAuthorized_CapturedAmountPostedRestReleased_AdviceAcknowledged()
    {
        using var client = Terminal(Host, NewTerminalId());
        var id = await PreauthorizeAsync(client, 10_000);

        using var completed = await CompleteAsync(client, id, 7_500);

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var sale = await JsonAsync(completed);
        Assert.Equal("completed", sale.GetProperty("status").GetString());
        Assert.Equal(7_500, sale.GetProperty("completedAmount").GetInt64());
        Assert.Equal("posted", await HoldOutcomeAsync(Host, id));
        Assert.Equal(7_500, await Host.Database.AdminScalarAsync<long>(
            $"SELECT r.amount FROM ledger.holds h JOIN ledger.hold_resolutions r ON r.hold_id = h.id WHERE h.source_id = '{id}'"));
        await EventuallyAsync(async () => (await GetJsonAsync(client, $"/v1/card/sales/{id}"))
            .GetProperty("completionAcknowledged").GetBoolean(), TimeSpan.FromSeconds(15));
        var rrn = sale.GetProperty("rrn").GetString();
        var original = Assert.Single(fixture.Environment.Simulator.GetMessages(100_000), m => m.Rrn == rrn && m.Mti == "0100");
        Assert.Equal(7_500, original.CompletedAmount);
        Assert.Contains(fixture.Environment.Simulator.GetMessages(100_000),
            m => m.Mti == "0220" && m.TerminalId == original.TerminalId && m.Amount == 7_500 && m.ResponseCode == "00");
        using var ops = Host.OpsClient();
        var queued = Assert.Single((await GetJsonAsync(ops, "/ops/v1/cards/completions")).EnumerateArray(),
            c => c.GetProperty("saleId").GetString() == id);
        Assert.Equal(7_500, queued.GetProperty("amount").GetInt64());
        Assert.NotNull(queued.GetProperty("acknowledgedAt").GetString());
        await AssertLedgerCleanAsync(Host);
    }

    [Fact]
    public async Task Completion_AboveAuthorized_TypedUnprocessable_HoldStillOpen()
    {
        using var client = Terminal(Host, NewTerminalId());
        var id = await PreauthorizeAsync(client, 10_000);

        using var response = await CompleteAsync(client, id, 10_001);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://gpos.dev/problems/cards/completion-exceeds-authorization",
            (await JsonAsync(response)).GetProperty("type").GetString());
        Assert.Equal("open", await HoldOutcomeAsync(Host, id));
        Assert.Equal(0L, await Host.Database.AdminScalarAsync<long>($"SELECT count(*) FROM cards.completions WHERE sale_id = '{id}'"));
    }

    [Fact]
    public async Task Completion_OtherTerminalsOrUnknownOrSale_NotFound()
    {
        using var owner = Terminal(Host, NewTerminalId());
        using var other = Terminal(Host, NewTerminalId());
        var id = await PreauthorizeAsync(owner, 5_000);
        using var saleResponse = await SaleAsync(owner, 5_000);
        var saleId = (await JsonAsync(saleResponse)).GetProperty("id").GetString()!;

        using var byOther = await CompleteAsync(other, id, 1_000);
        using var unknown = await CompleteAsync(owner, Guid.NewGuid().ToString(), 1_000);
        using var ofSale = await CompleteAsync(owner, saleId, 1_000);

        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ofSale.StatusCode);
        Assert.Equal("open", await HoldOutcomeAsync(Host, id));
    }

    [Fact]
    public async Task Completion_Twice_SameKeyReplays_NewKeyConflict_SameKeyOtherAmountUnprocessable()
    {
        using var client = Terminal(Host, NewTerminalId());
        var id = await PreauthorizeAsync(client, 5_000);
        var key = Guid.NewGuid().ToString();
        using var first = await CompleteAsync(client, id, 4_000, key);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var replay = await CompleteAsync(client, id, 4_000, key);
        using var otherBody = await CompleteAsync(client, id, 3_000, key);
        using var newKey = await CompleteAsync(client, id, 4_000);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, newKey.StatusCode);
        Assert.Equal(1L, await Host.Database.AdminScalarAsync<long>($"SELECT count(*) FROM cards.completions WHERE sale_id = '{id}'"));
        await AssertLedgerCleanAsync(Host);
    }

    [Fact]
    public async Task Completion_AfterUndo_Conflict()
    {
        using var client = Terminal(Host, NewTerminalId());
        var id = await PreauthorizeAsync(client, 5_000);
        (await PostAsync(client, $"/v1/card/sales/{id}/undo", null)).Dispose();

        using var response = await CompleteAsync(client, id, 1_000);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("voided", await HoldOutcomeAsync(Host, id));
    }

    [Fact]
    public async Task Preauthorization_Confirmed_HoldStaysOpenUntilCompletion_VoidAfterCompletionReversesCapturedAmount()
    {
        using var client = Terminal(Host, NewTerminalId());
        var id = await PreauthorizeAsync(client, 6_000);

        using var confirmed = await PostAsync(client, $"/v1/card/sales/{id}/confirmation", null);
        Assert.Equal("confirmed", (await JsonAsync(confirmed)).GetProperty("status").GetString());
        Assert.Equal("open", await HoldOutcomeAsync(Host, id));
        (await CompleteAsync(client, id, 6_000)).Dispose();
        using var voided = await PostAsync(client, $"/v1/card/sales/{id}/void", null);

        Assert.Equal("voided", (await JsonAsync(voided)).GetProperty("status").GetString());
        await WaitForReversalAcknowledgedAsync(Host, id);
        var rrn = (await JsonAsync(voided)).GetProperty("rrn").GetString();
        var preauth = Assert.Single(fixture.Environment.Simulator.GetMessages(100_000), m => m.Rrn == rrn && m.Mti == "0100");
        Assert.Equal(6_000, preauth.CompletedAmount); // the completion reached the host before its reversal
        Assert.True(preauth.Reversed);
        await AssertLedgerCleanAsync(Host);
    }

    [Fact]
    public async Task Sale_WithInstallments_SentInDe48_HostRefusesMoreThanTwelve()
    {
        var terminal = NewTerminalId();
        using var client = Terminal(Host, terminal);

        using var three = await PostAsync(client, "/v1/card/sales",
            new { amount = 30_000, currency = "986", pan = Visa, expiry = Expiry, installments = 3 });
        using var thirteen = await PostAsync(client, "/v1/card/sales",
            new { amount = 30_000, currency = "986", pan = Visa, expiry = Expiry, installments = 13 });

        var approved = await JsonAsync(three);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(3, approved.GetProperty("installments").GetInt32());
        var declined = await JsonAsync(thirteen);
        Assert.Equal("declined", declined.GetProperty("status").GetString());
        Assert.Equal("57", declined.GetProperty("responseCode").GetString());
        var recorded = fixture.Environment.Simulator.GetMessages(100_000);
        Assert.Equal(3, Assert.Single(recorded, m => m.Rrn == approved.GetProperty("rrn").GetString()).Installments);
    }
}
