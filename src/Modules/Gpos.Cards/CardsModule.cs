using FluentValidation;
using Gpos.BuildingBlocks.Persistence;
using Gpos.Cards.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gpos.Cards;

/// <summary>Composition of the Cards module: its services and its endpoints.</summary>
public static class CardsModule
{
    public static IServiceCollection AddCardsModule(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddModuleDbContext<CardsDbContext>(CardsDbContext.Schema, options => new CardsDbContext(options));
        services.AddValidatorsFromAssembly(typeof(CardsModule).Assembly, includeInternalTypes: true);
        return services;
    }

    public static IEndpointRouteBuilder MapCardsEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;
}
