using System.Globalization;
using Gpos.CardHostSimulator;
using Gpos.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gpos.Cards.Tests.Infrastructure;

/// <summary>A real GPOS host (TLS, fresh PostgreSQL) wired to an in-process card host simulator over TCP.</summary>
public sealed class CardsEnvironment : IAsyncDisposable
{
    public const string DevTokenKey = "dev-only-cards-token-key-0123456789abcdef";

    private CardsEnvironment(CardHostSimulatorServer simulator, GposTestHost host)
    {
        Simulator = simulator;
        Host = host;
    }

    private readonly List<GposTestHost> _stopped = [];
    private readonly List<GposTestHost> _others = [];

    public CardHostSimulatorServer Simulator { get; }

    public GposTestHost Host { get; private set; }

    public static Dictionary<string, string?> Settings(int port, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gpos:Cards:TokenKey"] = DevTokenKey,
            ["Gpos:Cards:HostAddress"] = "127.0.0.1",
            ["Gpos:Cards:HostPort"] = port.ToString(CultureInfo.InvariantCulture),
            ["Gpos:Cards:RequestTimeout"] = "00:00:01",
            ["Gpos:Cards:ConfirmationWindow"] = "00:00:05",
            ["Gpos:Cards:WorkerInterval"] = "00:00:00.200",
            ["Gpos:Cards:ReversalRetryDelay"] = "00:00:00.200",
            ["Gpos:Cards:ReversalMaxRetryDelay"] = "00:00:01",
            ["Gpos:Cards:ReconnectMinDelay"] = "00:00:00.050",
            ["Gpos:Cards:ReconnectMaxDelay"] = "00:00:00.500",
            ["Gpos:Cards:BreakerMinimumThroughput"] = "1000",
            ["Gpos:Cards:BreakerFailureRatio"] = "1.0",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<CardsEnvironment> StartAsync(IDictionary<string, string?>? overrides = null, TimeSpan? lateDelay = null)
    {
        var simulator = await CardHostSimulatorServer.StartAsync(new CardHostSimulatorOptions
        {
            Port = 0,
            ControlPort = 0,
            LateResponseDelay = lateDelay ?? TimeSpan.FromMilliseconds(2500),
        });
        var host = await GposTestHost.StartAsync(Settings(simulator.Port, overrides));
        var environment = new CardsEnvironment(simulator, host);
        await environment.WaitForLinkAsync();
        return environment;
    }

    /// <summary>Stops GPOS without dropping its database and starts it again on the same database (restart scenario).</summary>
    public async Task RestartAsync(IDictionary<string, string?>? overrides = null)
    {
        var database = Host.Database;
        await Host.Services.GetRequiredService<IHost>().StopAsync();
        _stopped.Add(Host);
        Host = await GposTestHost.StartAsync(Settings(Simulator.Port, overrides), database: database);
        await WaitForLinkAsync();
    }

    /// <summary>Starts another GPOS instance on the same database and simulator (several-instances scenario).</summary>
    public async Task<GposTestHost> StartSecondInstanceAsync()
    {
        var second = await GposTestHost.StartAsync(Settings(Simulator.Port), database: Host.Database);
        _others.Add(second);
        await WaitForLinkAsync(second);
        return second;
    }

    public Task WaitForLinkAsync() => WaitForLinkAsync(Host);

    private static Task WaitForLinkAsync(GposTestHost host) => CardHostLink.WaitUntilUpAsync(host.BootstrapBase);

    public async ValueTask DisposeAsync()
    {
        foreach (var other in _others)
        {
            await other.Services.GetRequiredService<IHost>().StopAsync();
            _stopped.Add(other);
        }

        await Host.DisposeAsync();
        foreach (var stopped in _stopped)
        {
            try
            {
                await stopped.DisposeAsync(); // its database is already dropped with the running host's
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException)
            {
            }
        }

        await Simulator.DisposeAsync();
    }
}
