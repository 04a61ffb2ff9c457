using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Gpos.Iso8583;

namespace Gpos.CardHostSimulator.Tests.Infrastructure;

/// <summary>
/// A tiny acquirer-side client over a real loopback socket, built on Gpos.Iso8583 framing: sends frames, reads
/// answers in the background (in arrival order) and notices when the simulator closes the connection.
/// </summary>
internal sealed class IsoTestClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly Channel<Iso8583Message> _received = Channel.CreateUnbounded<Iso8583Message>();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _readLoop;

    private IsoTestClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _readLoop = ReadLoopAsync(_stop.Token);
    }

    /// <summary>Completes when the simulator closed (or reset) the connection.</summary>
    public Task Closed => _closed.Task;

    public static async Task<IsoTestClient> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint);
        return new IsoTestClient(socket);
    }

    public Task SendAsync(Iso8583Message message) => SendRawAsync(FrameWriter.ToFrame(message));

    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        await _writeLock.WaitAsync();
        try
        {
            await _stream.WriteAsync(bytes);
            await _stream.FlushAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The next answer, or null when none arrives within <paramref name="timeout"/> or the connection closed.</summary>
    public async Task<Iso8583Message?> ReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _received.Reader.ReadAsync(cts.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            return null;
        }
    }

    public async Task<Iso8583Message> ExchangeAsync(Iso8583Message request, TimeSpan? timeout = null)
    {
        await SendAsync(request);
        return await ReceiveAsync(timeout ?? TimeSpan.FromSeconds(5))
            ?? throw new TimeoutException($"No answer to {request.Mti} STAN {request.Stan11}.");
    }

    /// <summary>True when the simulator closes the connection within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitClosedAsync(TimeSpan timeout) =>
        await Task.WhenAny(Closed, Task.Delay(timeout)) == Closed;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _readLoop;
        await _stream.DisposeAsync();
        _stop.Dispose();
        _writeLock.Dispose();
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                while (FrameReader.Default.TryReadFrame(ref buffer, out var frame) == OperationStatus.Done)
                {
                    _received.Writer.TryWrite(Iso8583Message.Unpack(frame));
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Closed by either side.
        }
        finally
        {
            await reader.CompleteAsync();
            _received.Writer.TryComplete();
            _closed.TrySetResult();
        }
    }
}
