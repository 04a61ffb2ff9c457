namespace Gpos.PspSimulator.Hosting;

/// <summary>
/// Replaces the console lifetime: the simulator is started and stopped by its owner (Program or a test), and must not
/// hook Ctrl-C of a test process.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
