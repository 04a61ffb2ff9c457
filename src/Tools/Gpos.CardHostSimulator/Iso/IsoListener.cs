using System.Net;
using System.Net.Sockets;
using Gpos.CardHostSimulator.State;
using Gpos.Iso8583;

namespace Gpos.CardHostSimulator.Iso;

/// <summary>The ISO 8583 TCP listener: accepts connections and runs each as an <see cref="IsoConnection"/>.</summary>
internal sealed class IsoListener : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly RequestHandler _handler;
    private readonly SimulatorState _state;
    private readonly FrameReader _frames;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<long, Task> _connections = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task _acceptLoop = Task.CompletedTask;
    private long _connectionIds;

    public IsoListener(IPEndPoint endPoint, RequestHandler handler, SimulatorState state, FrameReader frames, TimeProvider time, ILogger logger)
    {
        _handler = handler;
        _state = state;
        _frames = frames;
        _time = time;
        _logger = logger;
        _socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Bind(endPoint);
        _socket.Listen(512);
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    public void Start() => _acceptLoop = AcceptLoopAsync(_stopping.Token);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _socket.Dispose();
        await _acceptLoop;
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections.Values];
        }

        await Task.WhenAll(connections);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException
                                          || (e is SocketException && cancellationToken.IsCancellationRequested))
            {
                return;
            }
            catch (SocketException e)
            {
                // E.g. a client that reset before accept completed; keep accepting.
                _logger.LogWarning("Accept failed: {Reason}", e.Message);
                continue;
            }

            client.NoDelay = true;
            long id = Interlocked.Increment(ref _connectionIds);
            var connection = new IsoConnection(client, id, _handler, _state, _frames, _time, _logger);
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_connections)
            {
                _connections[id] = RunConnectionAsync(connection, registered.Task, cancellationToken);
            }

            registered.SetResult();
        }
    }

    private async Task RunConnectionAsync(IsoConnection connection, Task registered, CancellationToken cancellationToken)
    {
        // Runs off the accept loop, and only once registered, so it always finds itself in _connections to remove.
        await registered;
        using var owned = connection;
        try
        {
            await connection.RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Connection {ConnectionId} failed", connection.Id);
        }
        finally
        {
            lock (_connections)
            {
                _connections.Remove(connection.Id);
            }
        }
    }
}
