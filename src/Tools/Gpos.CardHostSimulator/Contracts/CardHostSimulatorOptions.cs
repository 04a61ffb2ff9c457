using System.Net;
using Gpos.Iso8583;

namespace Gpos.CardHostSimulator;

/// <summary>Settings for <see cref="CardHostSimulatorServer.StartAsync"/>. Port 0 binds a free port.</summary>
public sealed class CardHostSimulatorOptions
{
    /// <summary>The default ISO 8583 port.</summary>
    public const int DefaultPort = 7460;

    /// <summary>The default control HTTP port.</summary>
    public const int DefaultControlPort = 7461;

    /// <summary>ISO 8583 TCP port (default 7460; 0 = any free port).</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Control HTTP port (default 7461; 0 = any free port).</summary>
    public int ControlPort { get; set; } = DefaultControlPort;

    /// <summary>Address both listeners bind to (default loopback: the control API has no authentication).</summary>
    public IPAddress BindAddress { get; set; } = IPAddress.Loopback;

    /// <summary>How long the "late answer" amount (ending 97) is held before it is answered (default 5 s).</summary>
    public TimeSpan LateResponseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest accepted frame payload; a header announcing more closes the connection (default 8192).</summary>
    public int MaxFrameSize { get; set; } = FrameReader.DefaultMaxFrameSize;

    /// <summary>How many requests (and reversals) are kept for the control API (default 100,000; oldest dropped first).</summary>
    public int HistoryCapacity { get; set; } = 100_000;

    /// <summary>Clock for timestamps and delays (default <see cref="TimeProvider.System"/>).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the simulator logs (null = no logging). Logs never contain a full PAN or card data.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Throws when a setting is out of range (options are validated at start).</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, IPEndPoint.MaxPort);
        ArgumentOutOfRangeException.ThrowIfNegative(ControlPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ControlPort, IPEndPoint.MaxPort);
        ArgumentNullException.ThrowIfNull(BindAddress);
        ArgumentOutOfRangeException.ThrowIfLessThan(LateResponseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrameSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxFrameSize, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(HistoryCapacity, 1);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (Port != 0 && Port == ControlPort)
        {
            throw new ArgumentException("The ISO 8583 port and the control port must differ.", nameof(ControlPort));
        }
    }
}
