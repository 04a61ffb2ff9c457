using Gpos.Testing;
using Serilog;
using Serilog.Extensions.Logging;

namespace Gpos.CardHostSimulator.Tests.Infrastructure;

/// <summary>
/// One simulator per test, in-process on free loopback ports, its logs captured as GPOS's console sink renders them
/// (Serilog compact JSON, Debug level so every message line is written).
/// </summary>
internal sealed class SimulatorHost : IAsyncDisposable
{
    private readonly SerilogLoggerFactory _loggers;

    private SimulatorHost(CardHostSimulatorServer server, SerilogLoggerFactory loggers, LogCapture logs)
    {
        Server = server;
        _loggers = loggers;
        Logs = logs;
        Http = new HttpClient { BaseAddress = server.ControlAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public CardHostSimulatorServer Server { get; }

    public LogCapture Logs { get; }

    public HttpClient Http { get; }

    public static async Task<SimulatorHost> StartAsync(TimeSpan? lateResponseDelay = null, int? maxFrameSize = null)
    {
        var logs = new LogCapture();
        var serilog = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(logs).CreateLogger();
        var loggers = new SerilogLoggerFactory(serilog, dispose: true);
        var options = new CardHostSimulatorOptions
        {
            Port = 0,
            ControlPort = 0,
            LateResponseDelay = lateResponseDelay ?? TimeSpan.FromMilliseconds(500),
            LoggerFactory = loggers,
        };
        if (maxFrameSize is { } max)
        {
            options.MaxFrameSize = max;
        }

        var server = await CardHostSimulatorServer.StartAsync(options);
        return new SimulatorHost(server, loggers, logs);
    }

    public Task<IsoTestClient> ConnectAsync() => IsoTestClient.ConnectAsync(Server.EndPoint);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        _loggers.Dispose();
    }
}
