using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gpos.CardHostSimulator.Tests.Infrastructure;
using Gpos.Iso8583;

namespace Gpos.CardHostSimulator.Tests;

public sealed class ControlApiTests : ConnectedSimulatorTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly string[] ReversalMtis = ["0400", "0401"];

    [Fact]
    public async Task Stats_AfterTraffic_CountsByMtiResponseCodeReversalsGarbageAndConnections()
    {
        var approved = Requests.Purchase(stan: 1, amount: 1000);
        await Client.ExchangeAsync(approved);
        await Client.ExchangeAsync(Requests.Purchase(stan: 2, amount: 1051));
        await Client.ExchangeAsync(Requests.Reversal(approved, stan: 3));
        await Client.ExchangeAsync(Requests.NetworkManagement(stan: 4, "301"));
        await Client.SendRawAsync(new byte[] { 0, 3, (byte)'x', (byte)'y', (byte)'z' });
        await Client.ExchangeAsync(Requests.NetworkManagement(stan: 5, "301"));

        var stats = await Host.Http.GetFromJsonAsync<SimulatorStats>("control/stats", Json);

        Assert.NotNull(stats);
        Assert.Equal(1, stats.ConnectionsAccepted);
        Assert.Equal(1, stats.ConnectionsOpen);
        Assert.Equal(2, stats.RequestsByMti["0200"]);
        Assert.Equal(1, stats.RequestsByMti["0400"]);
        Assert.Equal(2, stats.RequestsByMti["0800"]);
        Assert.Equal(2, stats.ResponsesByMti["0210"]);
        Assert.Equal(1, stats.ResponsesByMti["0410"]);
        Assert.Equal(4, stats.ResponseCodes["00"]);
        Assert.Equal(1, stats.ResponseCodes["51"]);
        Assert.Equal(1, stats.ReversalsReceived);
        Assert.Equal(1, stats.GarbageFrames);
        Assert.Equal(2, stats.NetworkManagementByCode["301"]);
    }

    [Fact]
    public async Task Messages_WithLimit_ReturnsTheLastNOldestFirstMasked()
    {
        for (int stan = 1; stan <= 5; stan++)
        {
            await Client.ExchangeAsync(Requests.Purchase(stan, 1000 + stan));
        }

        var messages = await Host.Http.GetFromJsonAsync<List<RecordedMessage>>("control/messages?limit=2", Json);

        Assert.NotNull(messages);
        Assert.Equal([4, 5], messages.Select(m => m.Stan));
        var last = messages[1];
        Assert.Equal("0200", last.Mti);
        Assert.Equal(Requests.Terminal, last.TerminalId);
        Assert.Equal(Requests.Merchant, last.MerchantId);
        Assert.Equal(1005, last.Amount);
        Assert.Equal("411111******1111", last.MaskedPan);
        Assert.Equal("05", last.ResponseCode);
        Assert.Equal(MessageOutcome.Answered, last.Outcome);
        Assert.NotNull(last.RespondedAt);
        Assert.True(last.RespondedAt >= last.ReceivedAt);
    }

    [Fact]
    public async Task Messages_ByTerminal_OnlyThatTerminal()
    {
        await Client.ExchangeAsync(Requests.Purchase(1, 1000, terminal: "TERMAAAA"));
        await Client.ExchangeAsync(Requests.Purchase(1, 1000, terminal: "TERMBBBB"));

        var messages = await Host.Http.GetFromJsonAsync<List<RecordedMessage>>("control/messages?terminalId=TERMBBBB", Json);

        Assert.Equal("TERMBBBB", Assert.Single(messages!).TerminalId);
    }

    [Fact]
    public async Task Messages_LimitZero_ValidationProblem()
    {
        var response = await Host.Http.GetAsync(new Uri("control/messages?limit=0", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Reversals_ListsDe90AndOriginalStan()
    {
        var original = Requests.Purchase(stan: 77, amount: 1000);
        await Client.ExchangeAsync(original);
        var reversal = Requests.Reversal(original, stan: 78);
        await Client.ExchangeAsync(reversal);

        var reversals = await Host.Http.GetFromJsonAsync<List<RecordedReversal>>("control/reversals", Json);

        var recorded = Assert.Single(reversals!);
        Assert.Equal(77, recorded.OriginalStan);
        Assert.Equal(reversal.OriginalData90, recorded.OriginalData);
        Assert.True(recorded.OriginalFound);
        Assert.True(recorded.Acknowledged);
    }

    [Fact]
    public async Task Faults_SilentForNextTwo_ThoseUnansweredThenNormalAndFaultCleared()
    {
        var set = await Host.Http.PostAsJsonAsync("control/faults", new { mode = "silent", count = 2 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        await Client.SendAsync(Requests.Purchase(stan: 1, amount: 1000));
        await Client.SendAsync(Requests.NetworkManagement(stan: 2, "301"));
        Assert.Null(await Client.ReceiveAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Equal(3, (await Client.ExchangeAsync(Requests.Purchase(stan: 3, amount: 1000))).Stan11);

        var faults = await Host.Http.GetFromJsonAsync<FaultSettings>("control/faults", Json);
        Assert.Equal(FaultMode.None, faults!.Mode);
        Assert.Equal(2, (await Host.Http.GetFromJsonAsync<SimulatorStats>("control/stats", Json))!.NotAnswered);
    }

    [Fact]
    public async Task Faults_SilentForReversalsOnly_ReversalsHeldThenAcknowledged()
    {
        var original = Requests.Purchase(stan: 1, amount: 1000);
        await Client.ExchangeAsync(original);
        await Host.Http.PostAsJsonAsync("control/faults", new { mode = "silent", count = 2, mtis = ReversalMtis });
        var reversal = Requests.Reversal(original, stan: 2);

        await Client.SendAsync(reversal);
        await Client.SendAsync(reversal.CreateRepeat());
        Assert.Null(await Client.ReceiveAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Equal("00", (await Client.ExchangeAsync(Requests.Purchase(stan: 3, amount: 1000))).ResponseCode39);
        var ack = await Client.ExchangeAsync(reversal.CreateRepeat());

        Assert.Equal(Mti.ReversalResponse, ack.Mti);
        var reversals = Host.Server.GetReversals();
        Assert.Equal([false, false, true], reversals.Select(r => r.Acknowledged));
    }

    [Fact]
    public async Task Faults_Drop_ConnectionClosedAfterTheRequest()
    {
        await Host.Http.PostAsJsonAsync("control/faults", new { mode = "drop", count = 1 });

        await Client.SendAsync(Requests.Purchase(stan: 1, amount: 1000));

        Assert.True(await Client.WaitClosedAsync(TimeSpan.FromSeconds(5)));
        await using var next = await Host.ConnectAsync();
        Assert.Equal("00", (await next.ExchangeAsync(Requests.Purchase(stan: 2, amount: 1000))).ResponseCode39);
    }

    [Fact]
    public async Task Faults_GarbageForNextOne_ThatRequestGetsAFrameThatDoesNotParseThenNormal()
    {
        await Host.Http.PostAsJsonAsync("control/faults", new { mode = "garbage", count = 1 });
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(Host.Server.EndPoint);
        var stream = socket.GetStream();

        await stream.WriteAsync(FrameWriter.ToFrame(Requests.Purchase(stan: 1, amount: 1000)));
        var garbage = await ReadFrameAsync(stream);
        await stream.WriteAsync(FrameWriter.ToFrame(Requests.Purchase(stan: 2, amount: 1000)));
        var answer = await ReadFrameAsync(stream);

        Assert.False(Iso8583Message.TryUnpack(garbage, IsoMessageSpec.Iso87Ascii, out _, out _));
        Assert.Equal(2, Iso8583Message.Unpack(answer).Stan11);
        Assert.Equal(MessageOutcome.NotAnswered, Host.Server.GetMessages().Single(m => m.Stan == 1).Outcome);
        Assert.Equal(FaultMode.None, Host.Server.GetFaults().Mode);
    }

    private static async Task<byte[]> ReadFrameAsync(System.Net.Sockets.NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var header = new byte[FrameReader.HeaderLength];
        await stream.ReadExactlyAsync(header, timeout.Token);
        var payload = new byte[(header[0] << 8) | header[1]];
        await stream.ReadExactlyAsync(payload, timeout.Token);
        return payload;
    }

    [Fact]
    public async Task Faults_DelayUntilChanged_EveryAnswerHeldUntilCleared()
    {
        await Host.Http.PostAsJsonAsync("control/faults", new { mode = "delay", delayMs = 3000 });

        await Client.SendAsync(Requests.Purchase(stan: 1, amount: 1000));
        Assert.Null(await Client.ReceiveAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(1, (await Client.ReceiveAsync(TimeSpan.FromSeconds(5)))?.Stan11);
        var current = await Host.Http.GetFromJsonAsync<FaultSettings>("control/faults", Json);
        Assert.Equal(FaultMode.Delay, current!.Mode);
        Assert.Null(current.Count);

        await Host.Http.PostAsJsonAsync("control/faults", new { mode = "none" });
        Assert.NotNull(await Client.ExchangeAsync(Requests.Purchase(stan: 2, amount: 1000), TimeSpan.FromMilliseconds(1500)));
    }

    [Theory]
    [InlineData("""{"mode":"delay"}""")]
    [InlineData("""{"mode":"silent","count":0}""")]
    [InlineData("""{"mode":"silent","delayMs":-1}""")]
    [InlineData("""{"mode":"silent","mtis":["200"]}""")]
    [InlineData("""{"mode":"sometimes"}""")]
    public async Task Faults_Invalid_BadRequestAndFaultUnchanged(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await Host.Http.PostAsync(new Uri("control/faults", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(FaultMode.None, Host.Server.GetFaults().Mode);
    }

    [Fact]
    public async Task Reset_ClearsRecordsCountersAndFaults()
    {
        var original = Requests.Purchase(stan: 1, amount: 1000);
        await Client.ExchangeAsync(original);
        await Client.ExchangeAsync(Requests.Reversal(original, stan: 2));
        await Host.Http.PostAsJsonAsync("control/faults", new { mode = "silent" });

        var reset = await Host.Http.PostAsync(new Uri("control/reset", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Empty((await Host.Http.GetFromJsonAsync<List<RecordedMessage>>("control/messages", Json))!);
        Assert.Empty((await Host.Http.GetFromJsonAsync<List<RecordedReversal>>("control/reversals", Json))!);
        var stats = (await Host.Http.GetFromJsonAsync<SimulatorStats>("control/stats", Json))!;
        Assert.Empty(stats.RequestsByMti);
        Assert.Equal(0, stats.ReversalsReceived);
        Assert.Equal(1, stats.ConnectionsOpen);
        Assert.Equal(FaultMode.None, Host.Server.GetFaults().Mode);
        Assert.Equal("00", (await Client.ExchangeAsync(Requests.Purchase(stan: 3, amount: 1000))).ResponseCode39);
        Assert.Equal(1, Assert.Single(Host.Server.GetMessages()).Sequence);
    }
}
