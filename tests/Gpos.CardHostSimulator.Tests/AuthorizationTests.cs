using Gpos.CardHostSimulator.Tests.Infrastructure;
using Gpos.Iso8583;

namespace Gpos.CardHostSimulator.Tests;

public sealed class AuthorizationTests : ConnectedSimulatorTests
{
    [Fact]
    public async Task Purchase_DefaultAmount_ApprovedWithEchoedFieldsAuthIdAndRrn()
    {
        var request = Requests.Purchase(stan: 123, amount: 1000);

        var response = await Client.ExchangeAsync(request);

        Assert.Equal(Mti.FinancialResponse, response.Mti);
        Assert.Equal("00", response.ResponseCode39);
        Assert.Matches("^[0-9]{6}$", response.AuthId38);
        Assert.Matches("^[0-9]{12}$", response.Rrn37);
        Assert.Equal(request.ProcessingCode3, response.ProcessingCode3);
        Assert.Equal(1000, response.AmountTransaction4);
        Assert.Equal(request.TransmissionDateTime7, response.TransmissionDateTime7);
        Assert.Equal(123, response.Stan11);
        Assert.Equal(request.LocalTime12, response.LocalTime12);
        Assert.Equal(request.LocalDate13, response.LocalDate13);
        Assert.Equal(Requests.Terminal, response.TerminalId41);
        Assert.Equal(Requests.Merchant, response.MerchantId42);
        Assert.Equal("986", response.Currency49);
        Assert.False(response.Has(Field.Pan2), "the PAN is not echoed");
    }

    [Fact]
    public async Task Purchase_WithRrn_EchoesTheRrn()
    {
        var request = Requests.Purchase(stan: 5, amount: 2500);
        request.Rrn37 = "112233445566";

        var response = await Client.ExchangeAsync(request);

        Assert.Equal("112233445566", response.Rrn37);
    }

    [Fact]
    public async Task PreAuthorization_DefaultAmount_Approved0110()
    {
        var response = await Client.ExchangeAsync(Requests.PreAuthorization(stan: 7, amount: 15000));

        Assert.Equal(Mti.AuthorizationResponse, response.Mti);
        Assert.Equal("00", response.ResponseCode39);
        Assert.NotNull(response.AuthId38);
    }

    [Theory]
    [InlineData(1005, "05")]
    [InlineData(1012, "12")]
    [InlineData(1013, "13")]
    [InlineData(1014, "14")]
    [InlineData(1041, "41")]
    [InlineData(1043, "43")]
    [InlineData(1051, "51")]
    [InlineData(1054, "54")]
    [InlineData(1055, "55")]
    [InlineData(1057, "57")]
    [InlineData(1061, "61")]
    [InlineData(1062, "62")]
    [InlineData(1065, "65")]
    [InlineData(1075, "75")]
    [InlineData(1091, "91")]
    [InlineData(1096, "96")]
    public async Task Purchase_AmountEnding_DeclinedWithThatCode(long amount, string expectedCode)
    {
        var response = await Client.ExchangeAsync(Requests.Purchase(stan: 10, amount: amount));

        Assert.Equal(Mti.FinancialResponse, response.Mti);
        Assert.Equal(expectedCode, response.ResponseCode39);
        Assert.False(response.Has(Field.AuthId38), "declines carry no auth id");
    }

    [Theory]
    [InlineData("4000000000000002", "05")]
    [InlineData("4000000000000010", "14")]
    [InlineData("4000000000009995", "51")]
    [InlineData("4000000000000069", "54")]
    [InlineData("4000000000000127", "55")]
    [InlineData("4000000000000036", "91")]
    [InlineData("4000000000000119", "96")]
    [InlineData("5555555555554444", "00")]
    public async Task Purchase_TestPan_AnsweredWithItsFixedCode(string pan, string expectedCode)
    {
        var response = await Client.ExchangeAsync(Requests.Purchase(stan: 11, amount: 1000, pan: pan));

        Assert.Equal(expectedCode, response.ResponseCode39);
    }

    [Fact]
    public async Task Purchase_DeclinePanWithDeclineAmount_PanCodeWins()
    {
        var response = await Client.ExchangeAsync(Requests.Purchase(stan: 12, amount: 1051, pan: "4000000000000069"));

        Assert.Equal("54", response.ResponseCode39);
    }

    [Fact]
    public async Task Purchase_Track2Only_PanTakenFromTrack2()
    {
        var request = Requests.Purchase(stan: 13, amount: 1000, pan: null);
        request.Track2_35 = "4000000000000069=30121010000000000";

        var response = await Client.ExchangeAsync(request);

        Assert.Equal("54", response.ResponseCode39);
    }

    [Fact]
    public async Task Purchase_WithoutCard_FormatError30()
    {
        var response = await Client.ExchangeAsync(Requests.Purchase(stan: 14, amount: 1000, pan: null));

        Assert.Equal("30", response.ResponseCode39);
        Assert.Equal(14, response.Stan11);
    }

    [Fact]
    public async Task Advice0120_NotServed_Answered0130WithInvalidTransaction()
    {
        var request = Requests.Purchase(stan: 15, amount: 1000);
        request.Mti = new Mti(120);

        var response = await Client.ExchangeAsync(request);

        Assert.Equal(new Mti(130), response.Mti);
        Assert.Equal("12", response.ResponseCode39);
    }

    [Fact]
    public async Task ResponseMtiSentToHost_NotAnsweredAndCounted()
    {
        var stray = Requests.Purchase(stan: 16, amount: 1000);
        stray.Mti = Mti.FinancialResponse;
        await Client.SendAsync(stray);

        var approved = await Client.ExchangeAsync(Requests.Purchase(stan: 17, amount: 1000));

        Assert.Equal(17, approved.Stan11);
        Assert.Equal(1, Host.Server.GetStats().UnexpectedResponses);
    }
}
