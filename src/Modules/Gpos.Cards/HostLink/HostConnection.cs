using System.IO.Pipelines;
using System.Net.Sockets;
using Gpos.Iso8583;

namespace Gpos.Cards.HostLink;

/// <summary>One TCP connection to the card host: a pipe pair, and a write lock so frames never interleave.</summary>
internal sealed class HostConnection(TcpClient client, long id) : IAsyncDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly NetworkStream _stream = client.GetStream();

    public long Id => id;

    public PipeReader Reader { get; } = PipeReader.Create(client.GetStream());

    public PipeWriter Writer { get; } = PipeWriter.Create(client.GetStream());

    public CancellationTokenSource Closed { get; } = new();

    public async Task WriteAsync(Iso8583Message message, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            FrameWriter.WriteFrame(Writer, message);
            var flush = await Writer.FlushAsync(cancellationToken);
            if (flush.IsCompleted || flush.IsCanceled)
            {
                throw new IOException("The card host connection is closed.");
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Closed.CancelAsync();
        await Reader.CompleteAsync();
        await Writer.CompleteAsync();
        await _stream.DisposeAsync();
        client.Dispose();
        _writeLock.Dispose();
        Closed.Dispose();
    }
}
