using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using Gpos.Iso8583;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace Gpos.Cards.HostLink;

/// <summary>
/// The persistent TCP link to the card host (design.md §4, iso8583.md §4): one connection with the 2-byte length header,
/// requests multiplexed and matched on (MTI group, DE41, DE11) as jPOS QMUX does, a per-request timeout, sign-on on
/// connect and echo when idle, reconnect with backoff, and a Polly circuit breaker so a dead host fails fast.
/// A response that does not parse or matches nothing is logged safely and counted; it never stops the read loop.
/// </summary>
internal sealed partial class CardHostChannel : BackgroundService
{
    private readonly ConcurrentDictionary<MatchKey, TaskCompletionSource<Iso8583Message>> _pending = new();
    private readonly CardsOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<CardHostChannel> _logger;
    private readonly CardsMetrics _metrics;
    private readonly ResiliencePipeline<HostExchange> _breaker;
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly StanAllocator _stans;
    private HostConnection? _connection;
    private DateTimeOffset? _connectedSince;
    private long _lastReceivedTicks;
    private bool _signedOn;
    private long _connectionIds;
    private long _reconnects;
    private long _unmatched;
    private long _unparseable;
    private long _late;
    private long _timeouts;

    public CardHostChannel(IOptions<CardsOptions> options, TimeProvider clock, CardsMetrics metrics, ILogger<CardHostChannel> logger)
    {
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _metrics = metrics;
        _stans = new StanAllocator(clock, key => _pending.ContainsKey(key));
        _breaker = new ResiliencePipelineBuilder<HostExchange> { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HostExchange>
            {
                FailureRatio = _options.BreakerFailureRatio,
                MinimumThroughput = _options.BreakerMinimumThroughput,
                SamplingDuration = _options.BreakerSamplingDuration,
                BreakDuration = _options.BreakerBreakDuration,
                StateProvider = _circuit,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not null || args.Outcome.Result is { Kind: not HostExchangeKind.Answered }),
            })
            .Build();
    }

    public LinkStatus Status
    {
        get
        {
            var connection = Volatile.Read(ref _connection);
            var ticks = Interlocked.Read(ref _lastReceivedTicks);
            return new LinkStatus(connection is not null, _options.HostAddress, _options.HostPort, connection?.Id ?? 0,
                _connectedSince, ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero), _signedOn, _pending.Count,
                _circuit.CircuitState.ToString(), Interlocked.Read(ref _reconnects), Interlocked.Read(ref _unmatched),
                Interlocked.Read(ref _unparseable), Interlocked.Read(ref _late), Interlocked.Read(ref _timeouts));
        }
    }

    /// <summary>A STAN not outstanding for <paramref name="terminalId"/> in any message group.</summary>
    public int NextStan(string terminalId) => _stans.Next(terminalId);

    /// <summary>Sends a request through the circuit breaker and waits for its answer, the timeout or the link's loss.</summary>
    public async Task<HostExchange> ExchangeAsync(Iso8583Message request, CancellationToken cancellationToken)
    {
        try
        {
            return await _breaker.ExecuteAsync(
                static async (state, token) => await state.channel.SendAsync(state.request, token),
                (channel: this, request), cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            return HostExchange.NotSent("circuit-open");
        }
    }

    private async ValueTask<HostExchange> SendAsync(Iso8583Message request, CancellationToken cancellationToken)
    {
        var connection = Volatile.Read(ref _connection);
        return connection is null || !_signedOn
            ? HostExchange.NotSent("not-connected")
            : await SendOnAsync(connection, request, cancellationToken);
    }

    private async Task<HostExchange> SendOnAsync(HostConnection connection, Iso8583Message request, CancellationToken cancellationToken)
    {
        if (!request.TryGetMatchKey(out var key))
        {
            throw new InvalidOperationException("A host request needs DE41 and DE11.");
        }

        var answer = new TaskCompletionSource<Iso8583Message>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(key, answer))
        {
            throw new InvalidOperationException($"STAN {key} is already outstanding.");
        }

        try
        {
            try
            {
                await connection.WriteAsync(request, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // Part of the frame may have left: the host may have it, so the outcome is unknown.
                LogSendFailed(ex.GetType().Name, request.Mti.ToString());
                return HostExchange.Lost();
            }

            return HostExchange.Answered(await answer.Task.WaitAsync(_options.RequestTimeout, _clock, cancellationToken));
        }
        catch (TimeoutException)
        {
            Interlocked.Increment(ref _timeouts);
            LogTimeout(request.Mti.ToString(), key.Stan);
            return HostExchange.TimedOut();
        }
        catch (ConnectionLostException)
        {
            return HostExchange.Lost();
        }
        finally
        {
            _pending.TryRemove(new KeyValuePair<MatchKey, TaskCompletionSource<Iso8583Message>>(key, answer));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = _options.ReconnectMinDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunConnectionAsync(stoppingToken);
                delay = _options.ReconnectMinDelay;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Any failure of one connection (network, a bad sign-on answer) ends that connection, never the host.
                LogLinkDown(_options.HostAddress, _options.HostPort, ex.GetType().Name, delay);
            }

            try
            {
                await Task.Delay(delay, _clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
            Interlocked.Increment(ref _reconnects);
        }
    }

    private async Task RunConnectionAsync(CancellationToken stoppingToken)
    {
        var client = new TcpClient { NoDelay = true };
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
        {
            connect.CancelAfter(_options.ConnectTimeout);
            try
            {
                await client.ConnectAsync(_options.HostAddress, _options.HostPort, connect.Token);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        var connection = new HostConnection(client, Interlocked.Increment(ref _connectionIds));
        await using (connection)
        {
            var reading = ReadLoopAsync(connection, stoppingToken);
            try
            {
                Volatile.Write(ref _connection, connection);
                _connectedSince = _clock.GetUtcNow();
                var signOn = await SendOnAsync(connection, NetworkManagement("001", connection), stoppingToken);
                if (signOn.Kind != HostExchangeKind.Answered || signOn.Response!.ResponseCode39 != "00")
                {
                    LogSignOnFailed(signOn.Reason, signOn.Response?.ResponseCode39);
                    return;
                }

                _signedOn = true;
                LogConnected(_options.HostAddress, _options.HostPort, connection.Id);
                await KeepAliveAsync(connection, reading, stoppingToken);
            }
            finally
            {
                _signedOn = false;
                Volatile.Write(ref _connection, null);
                _connectedSince = null;
                await connection.Closed.CancelAsync();
                FailPending();
                try
                {
                    await reading;
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    LogReadEnded(ex.GetType().Name);
                }
            }
        }
    }

    private async Task KeepAliveAsync(HostConnection connection, Task reading, CancellationToken stoppingToken)
    {
        while (!reading.IsCompleted)
        {
            var tick = Task.Delay(_options.EchoInterval / 2, _clock, stoppingToken);
            if (await Task.WhenAny(reading, tick) == reading)
            {
                return;
            }

            await tick;
            var idle = _clock.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastReceivedTicks);
            if (idle >= _options.EchoInterval.Ticks)
            {
                var echo = await SendOnAsync(connection, NetworkManagement("301", connection), stoppingToken);
                if (echo.Kind != HostExchangeKind.Answered)
                {
                    LogEchoFailed(echo.Reason);
                    return;
                }
            }
        }
    }

    private Iso8583Message NetworkManagement(string code, HostConnection connection)
    {
        var now = _clock.GetUtcNow();
        var terminal = "GPOS" + (connection.Id % 10000).ToString("D4", CultureInfo.InvariantCulture);
        return new Iso8583Message(Mti.NetworkManagementRequest)
        {
            TransmissionDateTime7 = now.ToString("MMddHHmmss", CultureInfo.InvariantCulture),
            Stan11 = _stans.Next(terminal),
            TerminalId41 = terminal,
            NetworkMgmtCode70 = code,
        };
    }

    private async Task ReadLoopAsync(HostConnection connection, CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, connection.Closed.Token);
        var frames = new FrameReader(FrameReader.DefaultMaxFrameSize);
        while (true)
        {
            var result = await connection.Reader.ReadAsync(linked.Token);
            var buffer = result.Buffer;
            while (true)
            {
                var status = frames.TryReadFrame(ref buffer, out var frame);
                if (status == OperationStatus.Done)
                {
                    Dispatch(frame);
                    continue;
                }

                if (status == OperationStatus.InvalidData)
                {
                    // An oversized header means framing is lost: only a new connection recovers it.
                    Interlocked.Increment(ref _unparseable);
                    LogFramingLost(connection.Id);
                    return;
                }

                break;
            }

            connection.Reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    private void Dispatch(in ReadOnlySequence<byte> frame)
    {
        Interlocked.Exchange(ref _lastReceivedTicks, _clock.GetUtcNow().UtcTicks);
        if (!Iso8583Message.TryUnpack(frame, IsoMessageSpec.Iso87Ascii, out var message, out var error))
        {
            Interlocked.Increment(ref _unparseable);
            _metrics.HostMessageRejected("unparseable");
            LogUnparseable(error.Kind.ToString(), error.FieldNumber, error.Offset);
            return;
        }

        if (message.TryGetMatchKey(out var key) && message.Mti.IsResponse && _pending.TryRemove(key, out var waiter))
        {
            waiter.TrySetResult(message);
            return;
        }

        // Late answers (after the timeout) land here; their sale already has a reversal queued (iso8583.md §2).
        Interlocked.Increment(ref _unmatched);
        _metrics.HostMessageRejected("unmatched");
        if (message.Mti.MessageClass is 1 or 2)
        {
            Interlocked.Increment(ref _late);
        }

        LogUnmatched(message);
        message.Clear();
    }

    private void FailPending()
    {
        foreach (var (key, waiter) in _pending)
        {
            if (_pending.TryRemove(key, out _))
            {
                waiter.TrySetException(new ConnectionLostException());
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Card host link up to {Host}:{Port} (connection {ConnectionId}), signed on")]
    private partial void LogConnected(string host, int port, long connectionId);

    [LoggerMessage(LogLevel.Warning, "Card host link to {Host}:{Port} down ({Error}); reconnecting in {Delay}")]
    private partial void LogLinkDown(string host, int port, string error, TimeSpan delay);

    [LoggerMessage(LogLevel.Warning, "Card host sign-on failed ({Reason}, response code {ResponseCode})")]
    private partial void LogSignOnFailed(string reason, string? responseCode);

    [LoggerMessage(LogLevel.Warning, "Card host echo failed ({Reason}); closing the link")]
    private partial void LogEchoFailed(string reason);

    [LoggerMessage(LogLevel.Warning, "Card host request {Mti} STAN {Stan} timed out")]
    private partial void LogTimeout(string mti, int stan);

    [LoggerMessage(LogLevel.Warning, "Card host send of {Mti} failed ({Error}); outcome unknown")]
    private partial void LogSendFailed(string error, string mti);

    [LoggerMessage(LogLevel.Warning, "Card host response does not parse: {ErrorKind} at field {Field}, offset {Offset}")]
    private partial void LogUnparseable(string errorKind, int field, int offset);

    [LoggerMessage(LogLevel.Warning, "Card host message matches no outstanding request: {Message}")]
    private partial void LogUnmatched(Iso8583Message message);

    [LoggerMessage(LogLevel.Error, "Card host framing lost on connection {ConnectionId}; closing it")]
    private partial void LogFramingLost(long connectionId);

    [LoggerMessage(LogLevel.Information, "Card host read loop ended ({Error})")]
    private partial void LogReadEnded(string error);
}
