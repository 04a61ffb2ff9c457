using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Gpos.CardHostSimulator.State;
using Gpos.Iso8583;

namespace Gpos.CardHostSimulator.Iso;

/// <summary>
/// One TCP connection: a Pipelines read loop that frames (2-byte big-endian length), parses and answers requests.
/// Immediate answers are written from the read loop in arrival order; held answers (late amount, delay fault) are
/// written by their own task, so a delayed request never blocks the others: answers may leave out of order, and the
/// client matches them by (MTI class, DE41, DE11). Writes are serialized by a lock.
/// </summary>
internal sealed class IsoConnection(
    Socket socket, long id, RequestHandler handler, SimulatorState state, FrameReader frames, TimeProvider time, ILogger logger)
    : IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly List<Task> _held = [];
    private PipeWriter? _writer;

    public long Id => id;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var connectionCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        _writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        state.ConnectionOpened();
        logger.LogInformation("Connection {ConnectionId} accepted from {RemoteEndPoint}", id, socket.RemoteEndPoint);
        try
        {
            await ReadLoopAsync(reader, connectionCts.Token);
        }
        catch (OperationCanceledException) when (connectionCts.IsCancellationRequested)
        {
            // Server stopping.
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            logger.LogInformation("Connection {ConnectionId} lost: {Reason}", id, e.Message);
        }
        finally
        {
            // Held answers die with their connection (recorded as abandoned).
            await connectionCts.CancelAsync();
            Task[] held;
            lock (_held)
            {
                held = [.. _held];
            }

            await Task.WhenAll(held);
            await CloseAsync(reader, _writer, stream);
            state.ConnectionClosed();
            logger.LogInformation("Connection {ConnectionId} closed", id);
        }
    }

    public void Dispose() => _writeLock.Dispose();

    private static async Task CloseAsync(PipeReader reader, PipeWriter writer, NetworkStream stream)
    {
        await reader.CompleteAsync();
        try
        {
            await writer.CompleteAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // The peer is already gone; nothing left to flush to.
        }

        await stream.DisposeAsync();
    }

    private async Task ReadLoopAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            try
            {
                while (true)
                {
                    var status = frames.TryReadFrame(ref buffer, out var frame);
                    if (status == OperationStatus.NeedMoreData)
                    {
                        break;
                    }

                    if (status == OperationStatus.InvalidData)
                    {
                        // The length header itself is insane: framing is lost, so the connection cannot be trusted.
                        state.Count(c =>
                        {
                            c.OversizeFrames++;
                            c.ConnectionsDropped++;
                        });
                        logger.LogWarning(
                            "Connection {ConnectionId}: frame header announces more than {MaxFrameSize} bytes; closing the connection",
                            id, frames.MaxFrameSize);
                        return;
                    }

                    if (!await HandleFrameAsync(frame, cancellationToken))
                    {
                        return;
                    }
                }

                if (result.IsCompleted)
                {
                    return;
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    /// <summary>Handles one frame; false when the connection must be closed.</summary>
    private async Task<bool> HandleFrameAsync(ReadOnlySequence<byte> frame, CancellationToken cancellationToken)
    {
        if (!Iso8583Message.TryUnpack(frame, IsoMessageSpec.Iso87Ascii, out var request, out var error))
        {
            // The error names kind, field and offset, never data; the frame is not answered (no MTI to answer with).
            state.Count(c => c.GarbageFrames++);
            logger.LogWarning("Connection {ConnectionId}: unparseable frame of {Length} bytes ignored: {Error}",
                id, frame.Length, error.Message);
            return true;
        }

        try
        {
            logger.LogDebug("Connection {ConnectionId} received {Message}", id, request);
            if (request.Mti.IsResponse)
            {
                state.Count(c => c.UnexpectedResponses++);
                logger.LogWarning("Connection {ConnectionId}: unexpected response {Mti} ignored", id, request.Mti.ToString());
                return true;
            }

            var entry = state.Record(id, request);
            var decision = handler.Handle(entry, request);
            return await ExecuteAsync(entry, decision, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not IOException and not SocketException)
        {
            // A simulator bug must not take the connection or the server down; it shows in the stats.
            state.Count(c => c.ProcessingErrors++);
            logger.LogError(e, "Connection {ConnectionId}: failed to handle {Mti}", id, request.Mti.ToString());
            return true;
        }
        finally
        {
            request.Clear();
        }
    }

    private async Task<bool> ExecuteAsync(MessageEntry entry, Decision decision, CancellationToken cancellationToken)
    {
        switch (decision.Transport)
        {
            case Transport.Silent:
                state.Complete(entry, MessageOutcome.NotAnswered, null, delayed: false);
                logger.LogInformation("Connection {ConnectionId}: not answering {Mti} STAN {Stan} terminal {TerminalId} ({Reason})",
                    id, entry.Mti.ToString(), entry.Stan, entry.TerminalId, decision.Reason);
                return true;
            case Transport.Drop:
                state.Complete(entry, MessageOutcome.ConnectionDropped, null, delayed: false);
                logger.LogInformation("Connection {ConnectionId}: dropping the connection after {Mti} STAN {Stan} terminal {TerminalId} ({Reason})",
                    id, entry.Mti.ToString(), entry.Stan, entry.TerminalId, decision.Reason);
                return false;
            case Transport.Garbage:
                await SendGarbageAsync(entry, cancellationToken);
                logger.LogInformation("Connection {ConnectionId}: sent a garbage frame instead of the answer to {Mti} STAN {Stan} terminal {TerminalId} ({Reason})",
                    id, entry.Mti.ToString(), entry.Stan, entry.TerminalId, decision.Reason);
                return true;
            case Transport.Respond when decision.Delay > TimeSpan.Zero:
                logger.LogInformation("Connection {ConnectionId}: holding the answer to {Mti} STAN {Stan} terminal {TerminalId} for {DelayMs} ms ({Reason})",
                    id, entry.Mti.ToString(), entry.Stan, entry.TerminalId, decision.Delay.TotalMilliseconds, decision.Reason);
                lock (_held)
                {
                    _held.RemoveAll(t => t.IsCompleted);
                    _held.Add(RespondLaterAsync(entry, decision.Response!, decision.Delay, cancellationToken));
                }

                return true;
            default:
                await SendAsync(entry, decision.Response!, delayed: false, cancellationToken);
                return true;
        }
    }

    private async Task RespondLaterAsync(MessageEntry entry, Iso8583Message response, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            await SendAsync(entry, response, delayed: true, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            state.Complete(entry, MessageOutcome.Abandoned, null, delayed: true);
            logger.LogInformation("Connection {ConnectionId}: held answer to {Mti} STAN {Stan} abandoned (connection closed)",
                id, entry.Mti.ToString(), entry.Stan);
        }
    }

    /// <summary>A well-framed payload that is no ISO 8583 message (not even an MTI): the client must count and skip it.</summary>
    private async Task SendGarbageAsync(MessageEntry entry, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            FrameWriter.WriteFrame(_writer!, "\u0001GARBAGE-NOT-ISO8583"u8);
            state.Complete(entry, MessageOutcome.NotAnswered, null, delayed: false);
            await _writer!.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task SendAsync(MessageEntry entry, Iso8583Message response, bool delayed, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            FrameWriter.WriteFrame(_writer!, response);

            // Recorded before the flush, so whoever reads the answer also finds it recorded (tests poll right after).
            state.Complete(entry, MessageOutcome.Answered, response, delayed);
            await _writer!.FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            state.Complete(entry, MessageOutcome.Abandoned, null, delayed);
            throw;
        }
        finally
        {
            _writeLock.Release();
        }

        logger.LogDebug("Connection {ConnectionId} sent {Message}", id, response);
    }
}
