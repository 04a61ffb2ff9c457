using System.Net;
using Gpos.Cards.Tests.Infrastructure;
using Gpos.Testing;
using static Gpos.Cards.Tests.Infrastructure.CardsApi;

namespace Gpos.Cards.Tests;

/// <summary>Sales against the real card host simulator over TCP (issue 9, "Done when").</summary>
public sealed class CardSaleFlowTests(CardsFixture fixture) : IClassFixture<CardsFixture>
{
    private GposTestHost Host => fixture.Environment.Host;

    [Fact]
    public async Task Sale_ApprovedThenConfirmed_HoldPostedAndLedgerClean()
    {
        var terminal = NewTerminalId();
        using var client = Terminal(Host, terminal);

        using var created = await SaleAsync(client, 1000);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sale = await JsonAsync(created);
        var id = sale.GetProperty("id").GetString()!;
        Assert.Equal("approved", sale.GetProperty("status").GetString());
        Assert.Equal("00", sale.GetProperty("responseCode").GetString());
        Assert.Equal("411111******1111", sale.GetProperty("maskedPan").GetString());
        Assert.Equal("open", await HoldOutcomeAsync(Host, id));

        using var confirmed = await PostAsync(client, $"/v1/card/sales/{id}/confirmation", null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("confirmed", (await JsonAsync(confirmed)).GetProperty("status").GetString());
        Assert.Equal("posted", await HoldOutcomeAsync(Host, id));
        var fetched = await GetJsonAsync(client, $"/v1/card/sales/{id}");
        Assert.Equal("confirmed", fetched.GetProperty("status").GetString());
        var list = await GetJsonAsync(client, "/v1/card/sales");
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("id").GetString() == id);
        await AssertLedgerCleanAsync(Host);
    }

    [Theory]
    [InlineData(1005, "05")]
    [InlineData(1014, "14")]
    [InlineData(1051, "51")]
    [InlineData(1054, "54")]
    [InlineData(1055, "55")]
    [InlineData(1091, "91")]
    [InlineData(1096, "96")]
    public async Task Sale_HostDeclines_DeclinedWithCodeAndNoHold(long amount, string code)
    {
        using var client = Terminal(Host, NewTerminalId());

        using var created = await SaleAsync(client, amount);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sale = await JsonAsync(created);
        Assert.Equal("declined", sale.GetProperty("status").GetString());
        Assert.Equal(code, sale.GetProperty("responseCode").GetString());
        Assert.Equal(0L, await Host.Database.AdminScalarAsync<long>(
            $"SELECT count(*) FROM ledger.holds WHERE source_id = '{sale.GetProperty("id").GetString()}'"));
        await AssertLedgerCleanAsync(Host);
    }

    [Fact]
    public async Task Preauthorization_Approved_SentAs0100()
    {
        var terminal = NewTerminalId();
        using var client = Terminal(Host, terminal);

        using var created = await SaleAsync(client, 2500, path: "/v1/card/preauthorizations");

        var sale = await JsonAsync(created);
        Assert.Equal("approved", sale.GetProperty("status").GetString());
        Assert.Equal("preauthorization", sale.GetProperty("kind").GetString());
        var rrn = sale.GetProperty("rrn").GetString();
        Assert.Contains(fixture.Environment.Simulator.GetMessages(1000), m => m.Mti == "0100" && m.Rrn == rrn);
    }

    [Fact]
    public async Task Sale_HostTimeout_DeclinedAndReversalAcknowledged()
    {
        using var client = Terminal(Host, NewTerminalId());

        using var created = await SaleAsync(client, 1098);

        var sale = await JsonAsync(created);
        var id = sale.GetProperty("id").GetString()!;
        Assert.Equal("declined", sale.GetProperty("status").GetString());
        Assert.Equal("timeout", sale.GetProperty("reversalReason").GetString());
        await WaitForReversalAcknowledgedAsync(Host, id);
        var rrn = sale.GetProperty("rrn").GetString();
        var original = fixture.Environment.Simulator.GetMessages(1000).Single(m => m.Rrn == rrn && m.Mti == "0200");
        Assert.Contains(fixture.Environment.Simulator.GetReversals(),
            r => r.OriginalStan == original.Stan && r.OriginalMti == "0200" && r.Acknowledged && r.OriginalFound);
        await AssertLedgerCleanAsync(Host);
    }

    [Fact]
    public async Task Sale_LateApproval_DeclinedToTerminalAndReversed()
    {
        using var client = Terminal(Host, NewTerminalId());

        using var created = await SaleAsync(client, 1097);

        var sale = await JsonAsync(created);
        var id = sale.GetProperty("id").GetString()!;
        Assert.Equal("declined", sale.GetProperty("status").GetString());
        await WaitForReversalAcknowledgedAsync(Host, id);
        var rrn = sale.GetProperty("rrn").GetString();
        await EventuallyAsync(() => Task.FromResult(fixture.Environment.Simulator.GetMessages(1000)
            .Single(m => m.Rrn == rrn && m.Mti == "0200") is { ResponseCode: "00", Reversed: true }), TimeSpan.FromSeconds(10));
        Assert.Equal(0L, await Host.Database.AdminScalarAsync<long>($"SELECT count(*) FROM ledger.holds WHERE source_id = '{id}'"));
    }

    [Fact]
    public async Task Undo_ApprovedSale_ReversedAndHoldVoided_ThenConfirmIsConflict()
    {
        using var client = Terminal(Host, NewTerminalId());
        var id = (await JsonAsync(await SaleAsync(client, 3000))).GetProperty("id").GetString()!;

        using var undone = await PostAsync(client, $"/v1/card/sales/{id}/undo", null);

        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        Assert.Equal("reversed", (await JsonAsync(undone)).GetProperty("status").GetString());
        Assert.Equal("voided", await HoldOutcomeAsync(Host, id));
        await WaitForReversalAcknowledgedAsync(Host, id);
        using var confirm = await PostAsync(client, $"/v1/card/sales/{id}/confirmation", null);
        Assert.Equal(HttpStatusCode.Conflict, confirm.StatusCode);
        Assert.Equal("application/problem+json", confirm.Content.Headers.ContentType?.MediaType);
        await AssertLedgerCleanAsync(Host);
    }

    [Fact]
    public async Task Confirmed_UndoIsConflict_VoidReversesIt()
    {
        using var client = Terminal(Host, NewTerminalId());
        var id = (await JsonAsync(await SaleAsync(client, 4000))).GetProperty("id").GetString()!;
        (await PostAsync(client, $"/v1/card/sales/{id}/confirmation", null)).Dispose();

        using var undo = await PostAsync(client, $"/v1/card/sales/{id}/undo", null);
        Assert.Equal(HttpStatusCode.Conflict, undo.StatusCode);

        using var voided = await PostAsync(client, $"/v1/card/sales/{id}/void", null);
        Assert.Equal(HttpStatusCode.OK, voided.StatusCode);
        Assert.Equal("voided", (await JsonAsync(voided)).GetProperty("status").GetString());
        await WaitForReversalAcknowledgedAsync(Host, id);
        await AssertLedgerCleanAsync(Host);
    }

    [Fact]
    public async Task Confirm_AnotherTerminalsSale_NotFound()
    {
        using var owner = Terminal(Host, NewTerminalId());
        using var other = Terminal(Host, NewTerminalId());
        using var otherMerchant = Terminal(Host, NewTerminalId(), "m2");
        var id = (await JsonAsync(await SaleAsync(owner, 5000))).GetProperty("id").GetString()!;

        using var confirm = await PostAsync(other, $"/v1/card/sales/{id}/confirmation", null);
        using var get = await otherMerchant.GetAsync(new Uri($"/v1/card/sales/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("open", await HoldOutcomeAsync(Host, id));
    }

    [Fact]
    public async Task Sale_NotConfirmedInTime_ReversedAutomatically()
    {
        using var client = Terminal(Host, NewTerminalId());
        var id = (await JsonAsync(await SaleAsync(client, 6000))).GetProperty("id").GetString()!;

        await WaitForReversalAcknowledgedAsync(Host, id, TimeSpan.FromSeconds(30));

        var sale = await GetJsonAsync(client, $"/v1/card/sales/{id}");
        Assert.Equal("reversed", sale.GetProperty("status").GetString());
        Assert.Equal("not-confirmed", sale.GetProperty("reversalReason").GetString());
        Assert.Equal("voided", await HoldOutcomeAsync(Host, id));
        await AssertLedgerCleanAsync(Host);
    }

    [Fact]
    public async Task HundredConcurrentSales_OneConnection_AllMatched()
    {
        var terminal = NewTerminalId();
        using var client = Terminal(Host, terminal);
        var amounts = Enumerable.Range(1, 100).Select(i => 100_000L + (i * 100)).ToArray();
        var connectionsBefore = fixture.Environment.Simulator.GetStats().ConnectionsAccepted;

        var sales = await Task.WhenAll(amounts.Select(async amount =>
        {
            using var response = await SaleAsync(client, amount);
            return await JsonAsync(response);
        }));

        Assert.All(sales, s => Assert.Equal("approved", s.GetProperty("status").GetString()));
        Assert.Equal(amounts.Order(), sales.Select(s => s.GetProperty("amount").GetInt64()).Order());
        var records = fixture.Environment.Simulator.GetMessages(100_000);
        foreach (var sale in sales)
        {
            var recorded = Assert.Single(records, m => m.Rrn == sale.GetProperty("rrn").GetString());
            Assert.Equal(sale.GetProperty("amount").GetInt64(), recorded.Amount);
            Assert.Equal(sale.GetProperty("authorizationCode").GetString(), recorded.AuthId);
        }

        Assert.Equal(connectionsBefore, fixture.Environment.Simulator.GetStats().ConnectionsAccepted);
    }
}
