using Gpos.Testing;

namespace Gpos.IntegrationTests.Foundation;

/// <summary>One real host (and database) shared by the tests of a class.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    private GposTestHost? _host;

    public GposTestHost Host => _host ?? throw new InvalidOperationException("Host not started.");

    public async Task InitializeAsync() => _host = await GposTestHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
