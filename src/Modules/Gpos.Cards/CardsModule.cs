using FluentValidation;
using Gpos.BuildingBlocks.Persistence;
using Gpos.Cards.Authorize;
using Gpos.Cards.CardData;
using Gpos.Cards.HostLink;
using Gpos.Cards.Idempotency;
using Gpos.Cards.Ops;
using Gpos.Cards.Persistence;
using Gpos.Cards.Saf;
using Gpos.Cards.Sales;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gpos.Cards;

/// <summary>Composition of the Cards module: card host link, authorizations, confirmation/undo/void, reversals (SAF).</summary>
public static class CardsModule
{
    public static IServiceCollection AddCardsModule(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CardsOptions>().Bind(configuration.GetSection(CardsOptions.Section))
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                // Development only (like certs/dev): every other environment must configure its own key or fail to start.
                if (environment.IsDevelopment() && string.IsNullOrEmpty(options.TokenKey))
                {
                    options.TokenKey = CardsOptions.DevelopmentTokenKey;
                }
            })
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddModuleDbContext<CardsDbContext>(CardsDbContext.Schema, options => new CardsDbContext(options));
        services.AddValidatorsFromAssembly(typeof(CardsModule).Assembly, includeInternalTypes: true);

        services.AddSingleton<PanProtector>();
        services.AddSingleton<CardsMetrics>();
        services.AddSingleton<CardHostChannel>();
        services.AddHostedService(sp => sp.GetRequiredService<CardHostChannel>());
        services.AddSingleton<SaleRecords>();
        services.AddSingleton<SaleLedger>();
        services.AddSingleton<SaleQueries>();
        services.AddSingleton<SaleCommands>();
        services.AddSingleton<AuthorizeCardService>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<IdempotentExecution>();
        services.AddSingleton<SafSender>();
        services.AddSingleton<SafInterventions>();
        services.AddHostedService<CardsWorker>();
        return services;
    }

    public static IEndpointRouteBuilder MapCardsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        CardSaleEndpoints.Map(endpoints);
        CardsOpsEndpoints.Map(endpoints);
        return endpoints;
    }
}
