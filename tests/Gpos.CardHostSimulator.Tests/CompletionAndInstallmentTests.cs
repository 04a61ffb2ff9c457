using Gpos.CardHostSimulator.Tests.Infrastructure;
using Gpos.Iso8583;

namespace Gpos.CardHostSimulator.Tests;

/// <summary>Pre-authorization completion advices (0220/0221) and installments in DE48, over a real socket.</summary>
public sealed class CompletionAndInstallmentTests : ConnectedSimulatorTests
{
    [Fact]
    public async Task Completion_WithinAuthorizedAmount_Acknowledged0230AndRecordedOnThe0100()
    {
        var preauth = Requests.PreAuthorization(stan: 31, amount: 10000);
        Assert.Equal("00", (await Client.ExchangeAsync(preauth)).ResponseCode39);

        var response = await Client.ExchangeAsync(Requests.Completion(preauth, stan: 32, amount: 8000));

        Assert.Equal(new Mti(230), response.Mti);
        Assert.Equal("00", response.ResponseCode39);
        Assert.StartsWith("0100000031", response.OriginalData90, StringComparison.Ordinal); // DE90 echoed: original MTI + STAN
        var original = Assert.Single(Host.Server.GetMessages(100), m => m.Mti == "0100");
        Assert.Equal(8000, original.CompletedAmount);
        Assert.Equal(1, Host.Server.GetStats().CompletionsApplied);
    }

    [Fact]
    public async Task Completion_AboveAuthorizedAmount_InvalidAmount13AndNotApplied()
    {
        var preauth = Requests.PreAuthorization(stan: 41, amount: 10000);
        await Client.ExchangeAsync(preauth);

        var response = await Client.ExchangeAsync(Requests.Completion(preauth, stan: 42, amount: 10001));

        Assert.Equal("13", response.ResponseCode39);
        Assert.Null(Assert.Single(Host.Server.GetMessages(100), m => m.Mti == "0100").CompletedAmount);
    }

    [Fact]
    public async Task Completion_RepeatAfterLostAnswer_AcknowledgedAgain_OtherAmountIsDuplicate94()
    {
        var preauth = Requests.PreAuthorization(stan: 51, amount: 5000);
        await Client.ExchangeAsync(preauth);
        await Client.ExchangeAsync(Requests.Completion(preauth, stan: 52, amount: 5000));

        var repeat = await Client.ExchangeAsync(Requests.Completion(preauth, stan: 53, amount: 5000, repeat: true));
        var other = await Client.ExchangeAsync(Requests.Completion(preauth, stan: 54, amount: 4000, repeat: true));

        Assert.Equal("00", repeat.ResponseCode39);
        Assert.Equal("94", other.ResponseCode39);
        Assert.Equal(1, Host.Server.GetStats().CompletionsApplied);
    }

    [Fact]
    public async Task Completion_OfUnknownDeclinedOrReversedOriginal_InvalidTransaction12()
    {
        var unknown = Requests.PreAuthorization(stan: 61, amount: 5000);
        var declined = Requests.PreAuthorization(stan: 62, amount: 5051);
        await Client.ExchangeAsync(declined);
        var reversed = Requests.PreAuthorization(stan: 63, amount: 5000);
        await Client.ExchangeAsync(reversed);
        await Client.ExchangeAsync(Requests.Reversal(reversed, stan: 64));
        var purchase = Requests.Purchase(stan: 65, amount: 5000);
        await Client.ExchangeAsync(purchase);

        Assert.Equal("12", (await Client.ExchangeAsync(Requests.Completion(unknown, stan: 66, amount: 100))).ResponseCode39);
        Assert.Equal("12", (await Client.ExchangeAsync(Requests.Completion(declined, stan: 67, amount: 100))).ResponseCode39);
        Assert.Equal("12", (await Client.ExchangeAsync(Requests.Completion(reversed, stan: 68, amount: 100))).ResponseCode39);
        Assert.Equal("12", (await Client.ExchangeAsync(Requests.Completion(purchase, stan: 69, amount: 100))).ResponseCode39);
    }

    [Fact]
    public async Task Completion_WithoutDe90_FormatError30()
    {
        var completion = Requests.Purchase(stan: 71, amount: 100);
        completion.Mti = new Mti(220);

        Assert.Equal("30", (await Client.ExchangeAsync(completion)).ResponseCode39);
    }

    [Theory]
    [InlineData("IN0203", "00", 3)]
    [InlineData("IN0212", "00", 12)]
    [InlineData("IN0213", "57", 13)]
    [InlineData("XX03abcIN0206", "00", 6)]
    [InlineData("IN0200", "30", null)]
    [InlineData("IN03", "30", null)]
    [InlineData("IN", "30", null)]
    public async Task Purchase_InstallmentsInDe48_ValidatedAndRecorded(string de48, string code, int? recorded)
    {
        var request = Requests.Purchase(stan: 81, amount: 12000);
        request.AdditionalDataPrivate48 = de48;

        var response = await Client.ExchangeAsync(request);

        Assert.Equal(code, response.ResponseCode39);
        Assert.Equal(recorded, Assert.Single(Host.Server.GetMessages(10)).Installments);
    }
}
