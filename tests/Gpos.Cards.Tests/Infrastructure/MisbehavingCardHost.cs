using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Gpos.Iso8583;

namespace Gpos.Cards.Tests.Infrastructure;

/// <summary>
/// A card host that answers sign-on and echo, but before answering a financial request sends a frame that is not ISO 8583
/// and a 0210 that matches no outstanding request (wrong STAN): the channel must count both and keep going.
/// </summary>
public sealed class MisbehavingCardHost : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public MisbehavingCardHost()
    {
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task ServeAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = HandleAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var header = new byte[2];
            try
            {
                while (true)
                {
                    await stream.ReadExactlyAsync(header, _stop.Token);
                    var body = new byte[(header[0] << 8) | header[1]];
                    await stream.ReadExactlyAsync(body, _stop.Token);
                    var request = Iso8583Message.Unpack(body);
                    var response = request.CreateResponse(Field.ProcessingCode3, Field.AmountTransaction4,
                        Field.TransmissionDateTime7, Field.Stan11, Field.Rrn37, Field.TerminalId41, Field.MerchantId42,
                        Field.Currency49, Field.NetworkMgmtCode70);
                    response.ResponseCode39 = "00";
                    if (request.Mti == Mti.FinancialRequest)
                    {
                        response.AuthId38 = "123456";
                        var writer = new ArrayBufferWriter<byte>();
                        FrameWriter.WriteFrame(writer, "this is not iso 8583"u8);
                        var stray = request.CreateResponse(Field.TerminalId41);
                        stray.Stan11 = request.Stan11 == 999_999 ? 1 : request.Stan11 + 1;
                        stray.ResponseCode39 = "00";
                        FrameWriter.WriteFrame(writer, stray);
                        await stream.WriteAsync(writer.WrittenMemory, _stop.Token);
                    }

                    await stream.WriteAsync(FrameWriter.ToFrame(response), _stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or EndOfStreamException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
    }
}
