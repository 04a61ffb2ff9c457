namespace Gpos.Cards.Tests.Infrastructure;

/// <summary>One GPOS host and simulator shared by a test class; tests keep apart by using their own terminals.</summary>
public sealed class CardsFixture : IAsyncLifetime
{
    private CardsEnvironment? _environment;

    public CardsEnvironment Environment => _environment ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _environment = await CardsEnvironment.StartAsync();

    public async Task DisposeAsync()
    {
        if (_environment is not null)
        {
            await _environment.DisposeAsync();
        }
    }
}
