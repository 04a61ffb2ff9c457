namespace Gpos.CardHostSimulator.Tests.Infrastructure;

/// <summary>Base of the test classes that need a fresh simulator and one open ISO 8583 connection per test.</summary>
public abstract class ConnectedSimulatorTests : IAsyncLifetime
{
    private SimulatorHost? _host;
    private IsoTestClient? _client;

    private protected SimulatorHost Host => _host ?? throw new InvalidOperationException("not started");

    private protected IsoTestClient Client => _client ?? throw new InvalidOperationException("not connected");

    public async Task InitializeAsync()
    {
        _host = await SimulatorHost.StartAsync();
        _client = await _host.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
