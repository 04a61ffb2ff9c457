namespace Gpos.BuildingBlocks;

/// <summary>
/// Work a module needs done after migrations and before the host accepts connections (e.g. loading the revocation
/// list, so the first handshake is already checked against it).
/// </summary>
public interface IStartupTask
{
    Task RunAsync(CancellationToken cancellationToken);
}
