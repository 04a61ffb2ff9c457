using Gpos.CardHostSimulator.Tests.Infrastructure;
using Gpos.Iso8583;

namespace Gpos.CardHostSimulator.Tests;

public sealed class ReversalAndNetworkTests : ConnectedSimulatorTests
{
    [Fact]
    public async Task Reversal0400_OfApprovedPurchase_Acknowledged0410AndRecordedWithDe90()
    {
        var original = Requests.Purchase(stan: 100, amount: 4200);
        Assert.Equal("00", (await Client.ExchangeAsync(original)).ResponseCode39);
        var reversal = Requests.Reversal(original, stan: 101);

        var ack = await Client.ExchangeAsync(reversal);

        Assert.Equal(Mti.ReversalResponse, ack.Mti);
        Assert.Equal("00", ack.ResponseCode39);
        Assert.Equal(101, ack.Stan11);
        Assert.Equal(reversal.OriginalData90, ack.OriginalData90);
        var recorded = Assert.Single(Host.Server.GetReversals());
        Assert.Equal("0400", recorded.Mti);
        Assert.Equal(101, recorded.Stan);
        Assert.Equal(reversal.OriginalData90, recorded.OriginalData);
        Assert.Equal("0200", recorded.OriginalMti);
        Assert.Equal(100, recorded.OriginalStan);
        Assert.Equal("1122103000", recorded.OriginalTransmissionDateTime);
        Assert.True(recorded.OriginalFound);
        Assert.Equal("00", recorded.OriginalResponseCode);
        Assert.False(recorded.IsRepeat);
        Assert.False(recorded.IsDuplicate);
        Assert.True(recorded.Acknowledged);
        Assert.True(Host.Server.GetMessages().Single(m => m.Stan == 100).Reversed);
    }

    [Fact]
    public async Task Reversal0401Repeat_AfterLost0410_AcknowledgedAndRecordedAsRepeatDuplicate()
    {
        var original = Requests.PreAuthorization(stan: 200, amount: 900);
        await Client.ExchangeAsync(original);
        var reversal = Requests.Reversal(original, stan: 201);
        await Client.ExchangeAsync(reversal);

        var ack = await Client.ExchangeAsync(reversal.CreateRepeat());

        Assert.Equal(Mti.ReversalResponse, ack.Mti);
        Assert.Equal("00", ack.ResponseCode39);
        var repeat = Host.Server.GetReversals()[1];
        Assert.Equal("0401", repeat.Mti);
        Assert.Equal("0100", repeat.OriginalMti);
        Assert.True(repeat.IsRepeat);
        Assert.True(repeat.IsDuplicate);
        Assert.True(repeat.OriginalFound);
        var stats = Host.Server.GetStats();
        Assert.Equal(2, stats.ReversalsReceived);
        Assert.Equal(1, stats.ReversalRepeats);
    }

    [Fact]
    public async Task Reversal_OfUnknownOriginal_AcknowledgedButRecordedAsUnknown()
    {
        var neverSent = Requests.Purchase(stan: 300, amount: 1000);

        var ack = await Client.ExchangeAsync(Requests.Reversal(neverSent, stan: 301));

        Assert.Equal("00", ack.ResponseCode39);
        var recorded = Assert.Single(Host.Server.GetReversals());
        Assert.False(recorded.OriginalFound);
        Assert.Null(recorded.OriginalResponseCode);
        Assert.Equal(300, recorded.OriginalStan);
        Assert.Equal(1, Host.Server.GetStats().ReversalsOfUnknownOriginal);
    }

    [Fact]
    public async Task ReversalAdvice0420_Acknowledged0430()
    {
        var original = Requests.Purchase(stan: 400, amount: 1000);
        await Client.ExchangeAsync(original);
        var advice = Requests.Reversal(original, stan: 401);
        advice.Mti = Mti.ReversalAdvice;

        var ack = await Client.ExchangeAsync(advice);

        Assert.Equal(Mti.ReversalAdviceResponse, ack.Mti);
        Assert.Equal("00", ack.ResponseCode39);
        Assert.True(Assert.Single(Host.Server.GetReversals()).OriginalFound);
    }

    [Fact]
    public async Task Reversal_WithoutDe90_OriginalFoundByItsOwnStan()
    {
        var original = Requests.Purchase(stan: 500, amount: 1000);
        await Client.ExchangeAsync(original);
        var reversal = Requests.Reversal(original, stan: 500);
        reversal.Remove(Field.OriginalData90);

        Assert.Equal("00", (await Client.ExchangeAsync(reversal)).ResponseCode39);
        var recorded = Assert.Single(Host.Server.GetReversals());
        Assert.Null(recorded.OriginalData);
        Assert.True(recorded.OriginalFound);
        Assert.Equal("0200", recorded.OriginalMti);
    }

    [Theory]
    [InlineData("001")]
    [InlineData("301")]
    [InlineData("002")]
    public async Task NetworkManagement_SignOnEchoSignOff_Answered0810Approved(string code)
    {
        var response = await Client.ExchangeAsync(Requests.NetworkManagement(stan: 1, code));

        Assert.Equal(Mti.NetworkManagementResponse, response.Mti);
        Assert.Equal("00", response.ResponseCode39);
        Assert.Equal(code, response.NetworkMgmtCode70);
        Assert.Equal(1, response.Stan11);
        Assert.Equal(Requests.Terminal, response.TerminalId41);
        Assert.Equal(1, Host.Server.GetStats().NetworkManagementByCode[code]);
    }

    [Fact]
    public async Task NetworkManagement_UnknownCode_InvalidTransaction12()
    {
        var response = await Client.ExchangeAsync(Requests.NetworkManagement(stan: 2, "999"));

        Assert.Equal("12", response.ResponseCode39);
    }
}
