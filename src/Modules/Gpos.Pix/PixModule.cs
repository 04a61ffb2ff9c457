using FluentValidation;
using Gpos.BuildingBlocks.Persistence;
using Gpos.Pix.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gpos.Pix;

/// <summary>Composition of the Pix module: its services and its endpoints.</summary>
public static class PixModule
{
    public static IServiceCollection AddPixModule(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddModuleDbContext<PixDbContext>(PixDbContext.Schema, options => new PixDbContext(options));
        services.AddValidatorsFromAssembly(typeof(PixModule).Assembly, includeInternalTypes: true);
        return services;
    }

    public static IEndpointRouteBuilder MapPixEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;
}
