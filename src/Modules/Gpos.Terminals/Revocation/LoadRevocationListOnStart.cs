using Gpos.BuildingBlocks;

namespace Gpos.Terminals.Revocation;

internal sealed class LoadRevocationListOnStart(RevocationListRefresher refresher) : IStartupTask
{
    public Task RunAsync(CancellationToken cancellationToken) => refresher.RefreshAsync(cancellationToken);
}
