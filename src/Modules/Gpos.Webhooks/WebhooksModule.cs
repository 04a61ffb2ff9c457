using FluentValidation;
using Gpos.BuildingBlocks.Persistence;
using Gpos.Webhooks.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gpos.Webhooks;

/// <summary>Composition of the Webhooks module: its services and its endpoints.</summary>
public static class WebhooksModule
{
    public static IServiceCollection AddWebhooksModule(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddModuleDbContext<WebhooksDbContext>(WebhooksDbContext.Schema, options => new WebhooksDbContext(options));
        services.AddValidatorsFromAssembly(typeof(WebhooksModule).Assembly, includeInternalTypes: true);
        return services;
    }

    public static IEndpointRouteBuilder MapWebhooksEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;
}
