using Gpos.CardHostSimulator.Tests.Infrastructure;
using Gpos.Iso8583;

namespace Gpos.CardHostSimulator.Tests;

public sealed class FramingTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;

    public async Task InitializeAsync() => _host = await SimulatorHost.StartAsync(maxFrameSize: 2048);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GarbageFrames_CountedNotAnsweredAndConnectionKeepsServing()
    {
        await using var client = await _host.ConnectAsync();
        await client.SendRawAsync(Frame("this is not ISO 8583"u8));
        await client.SendRawAsync(Frame("0200ZZZZZZZZZZZZZZZZ"u8));
        await client.SendRawAsync(Frame("0200F000000000000000"u8));   // bitmap announces fields that are not there

        var answer = await client.ExchangeAsync(Requests.Purchase(stan: 1, amount: 1000));

        Assert.Equal(1, answer.Stan11);
        Assert.Equal(3, _host.Server.GetStats().GarbageFrames);
        Assert.Single(_host.Server.GetMessages());
        Assert.Contains(_host.Logs.Lines, line => line.Contains("unparseable frame", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OversizeFrameHeader_ConnectionClosedAndServerStillServing()
    {
        await using var client = await _host.ConnectAsync();
        await client.SendRawAsync(new byte[] { 0xFF, 0xFF, 0x30, 0x32 });

        Assert.True(await client.WaitClosedAsync(TimeSpan.FromSeconds(5)));
        await using var other = await _host.ConnectAsync();
        Assert.Equal("00", (await other.ExchangeAsync(Requests.Purchase(stan: 2, amount: 1000))).ResponseCode39);
        var stats = _host.Server.GetStats();
        Assert.Equal(1, stats.OversizeFrames);
        Assert.Equal(1, stats.ConnectionsDropped);
    }

    [Fact]
    public async Task FrameSplitAcrossWritesAndKeepAlives_ReassembledAndAnswered()
    {
        await using var client = await _host.ConnectAsync();
        byte[] frame = FrameWriter.ToFrame(Requests.Purchase(stan: 3, amount: 1000));
        await client.SendRawAsync(new byte[] { 0, 0 });   // zero-length keep-alive, skipped
        foreach (var chunk in frame.Chunk(7))
        {
            await client.SendRawAsync(chunk);
            await Task.Delay(5);
        }

        var answer = await client.ReceiveAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(3, answer?.Stan11);
        Assert.Equal(0, _host.Server.GetStats().GarbageFrames);
    }

    [Fact]
    public async Task RandomBytes_ServerSurvives()
    {
        var random = new Random(8583);
        for (int i = 0; i < 20; i++)
        {
            await using var client = await _host.ConnectAsync();
            byte[] noise = new byte[random.Next(1, 600)];
            random.NextBytes(noise);
            noise[0] = 0;   // keep most headers under the maximum so the parser sees the noise too
            await client.SendRawAsync(noise);
        }

        await using var healthy = await _host.ConnectAsync();
        Assert.Equal("00", (await healthy.ExchangeAsync(Requests.Purchase(stan: 4, amount: 1000))).ResponseCode39);
        Assert.Equal(0, _host.Server.GetStats().ProcessingErrors);
    }

    private static byte[] Frame(ReadOnlySpan<byte> payload)
    {
        var frame = new byte[payload.Length + 2];
        frame[0] = (byte)(payload.Length >> 8);
        frame[1] = (byte)payload.Length;
        payload.CopyTo(frame.AsSpan(2));
        return frame;
    }
}
