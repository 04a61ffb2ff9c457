using Gpos.BuildingBlocks.Persistence;
using Gpos.Ledger.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gpos.Ledger;

/// <summary>Composition of the Ledger module: its services and its endpoints.</summary>
public static class LedgerModule
{
    public static IServiceCollection AddLedgerModule(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddModuleDbContext<LedgerDbContext>(LedgerDbContext.Schema, options => new LedgerDbContext(options));
        return services;
    }

    public static IEndpointRouteBuilder MapLedgerEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;
}
