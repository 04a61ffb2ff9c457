using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gpos.CardHostSimulator.Control;
using Gpos.CardHostSimulator.Iso;
using Gpos.CardHostSimulator.State;
using Gpos.Iso8583;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gpos.CardHostSimulator;

/// <summary>
/// The card host simulator, hosted in-process: an ISO 8583:1987 ASCII TCP server (2-byte big-endian length header)
/// and its control HTTP API, on two ports. Start with <see cref="StartAsync"/> (port 0 = free port), read the bound
/// ports, stop with <see cref="DisposeAsync"/>. The methods mirror the control API for in-process callers.
/// </summary>
/// <example>
/// <code>
/// await using var host = await CardHostSimulatorServer.StartAsync(new() { Port = 0, ControlPort = 0 }, ct);
/// // connect to host.EndPoint; inspect host.GetReversals() or GET {host.ControlAddress}control/reversals
/// </code>
/// </example>
public sealed class CardHostSimulatorServer : IAsyncDisposable
{
    private readonly SimulatorState _state;
    private readonly IsoListener _iso;
    private readonly WebApplication _control;
    private int _disposed;

    private CardHostSimulatorServer(SimulatorState state, IsoListener iso, WebApplication control, Uri controlAddress)
    {
        _state = state;
        _iso = iso;
        _control = control;
        ControlAddress = controlAddress;
    }

    /// <summary>The bound ISO 8583 endpoint.</summary>
    public IPEndPoint EndPoint => _iso.EndPoint;

    /// <summary>The bound ISO 8583 port.</summary>
    public int Port => _iso.EndPoint.Port;

    /// <summary>The bound control HTTP port.</summary>
    public int ControlPort => ControlAddress.Port;

    /// <summary>The control API's base address, e.g. <c>http://127.0.0.1:7461/</c>.</summary>
    public Uri ControlAddress { get; }

    /// <summary>Binds both ports and starts serving.</summary>
    /// <param name="options">Settings; validated here.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">A port is in use.</exception>
    public static async Task<CardHostSimulatorServer> StartAsync(CardHostSimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var loggers = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggers.CreateLogger("Gpos.CardHostSimulator");
        var state = new SimulatorState(options.TimeProvider, options.HistoryCapacity);
        var handler = new RequestHandler(state, options.LateResponseDelay, logger);
        var iso = new IsoListener(new IPEndPoint(options.BindAddress, options.Port), handler, state,
            new FrameReader(options.MaxFrameSize), options.TimeProvider, logger);
        WebApplication? control = null;
        try
        {
            control = BuildControlApi(options, state, loggers);
            await control.StartAsync(cancellationToken);
            var server = new CardHostSimulatorServer(state, iso, control, ControlAddressOf(control, options.BindAddress));
            iso.Start();
            logger.LogInformation("Card host simulator listening: ISO 8583 on {EndPoint}, control API on {ControlAddress}",
                iso.EndPoint, server.ControlAddress);
            return server;
        }
        catch
        {
            await iso.DisposeAsync();
            if (control is not null)
            {
                await control.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Counters since start or the last reset (<c>GET /control/stats</c>).</summary>
    /// <returns>A snapshot.</returns>
    public SimulatorStats GetStats() => _state.GetStats();

    /// <summary>The last recorded requests, oldest first (<c>GET /control/messages</c>).</summary>
    /// <param name="limit">How many, at least 1.</param>
    /// <param name="terminalId">Only this DE41, when given.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<RecordedMessage> GetMessages(int limit = ControlApi.DefaultMessageLimit, string? terminalId = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return _state.GetMessages(limit, terminalId);
    }

    /// <summary>The recorded reversals, oldest first (<c>GET /control/reversals</c>).</summary>
    /// <param name="terminalId">Only this DE41, when given.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<RecordedReversal> GetReversals(string? terminalId = null) => _state.GetReversals(terminalId);

    /// <summary>The current fault (<c>GET /control/faults</c>).</summary>
    /// <returns>The fault; <see cref="FaultSettings.Count"/> is the number of requests remaining.</returns>
    public FaultSettings GetFaults() => _state.GetFaults();

    /// <summary>Sets the fault (<c>POST /control/faults</c>); <see cref="FaultSettings.None"/> clears it.</summary>
    /// <param name="settings">The fault.</param>
    /// <exception cref="ArgumentException">The settings are invalid.</exception>
    public void SetFaults(FaultSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = FaultValidation.Validate(settings);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.Values.SelectMany(e => e)), nameof(settings));
        }

        _state.SetFaults(settings);
    }

    /// <summary>Clears recorded messages, reversals, counters and the fault (<c>POST /control/reset</c>).</summary>
    public void Reset() => _state.Reset();

    /// <summary>Stops both listeners, closes every connection (held answers are abandoned) and releases the ports.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _iso.DisposeAsync();
        await _control.StopAsync(CancellationToken.None);
        await _control.DisposeAsync();
    }

    private static WebApplication BuildControlApi(CardHostSimulatorOptions options, SimulatorState state, ILoggerFactory loggers)
    {
        // The empty builder reads no appsettings or environment: the control API listens where the options say, only.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(CardHostSimulatorServer).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(options.BindAddress, options.ControlPort));
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton(state);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        var app = builder.Build();
        app.UseRouting();
        app.MapControlApi();
        return app;
    }

    private static Uri ControlAddressOf(WebApplication control, IPAddress bindAddress)
    {
        var addresses = control.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel did not report its addresses.");
        int port = new Uri(addresses.Addresses.First()).Port;
        var host = bindAddress.Equals(IPAddress.Any) ? IPAddress.Loopback
            : bindAddress.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : bindAddress;
        return new UriBuilder(Uri.UriSchemeHttp, host.ToString(), port).Uri;
    }
}
