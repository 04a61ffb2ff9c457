namespace Gpos.BuildingBlocks.Persistence;

/// <summary>Applies one module's migrations with the owner connection (each module has its own history table).</summary>
public interface IModuleMigrator
{
    string Schema { get; }

    Task MigrateAsync(string ownerConnectionString, CancellationToken cancellationToken);
}
