using FluentValidation;
using Gpos.BuildingBlocks.Persistence;
using Gpos.Webhooks.Contracts;
using Gpos.Webhooks.Delivery;
using Gpos.Webhooks.Ops;
using Gpos.Webhooks.Outbox;
using Gpos.Webhooks.Persistence;
using Gpos.Webhooks.Registration;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gpos.Webhooks;

/// <summary>Composition of the Webhooks module: registrations, the outbox contract, delivery workers and ops.</summary>
public static class WebhooksModule
{
    public static IServiceCollection AddWebhooksModule(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WebhooksOptions>().Bind(configuration.GetSection(WebhooksOptions.Section))
            .ValidateDataAnnotations()
            .Validate<IHostEnvironment>((options, environment) => !options.AllowPrivateTargets || environment.IsDevelopment(),
                "Gpos:Webhooks:AllowPrivateTargets is for Development only: outside it merchant URLs must be public https.")
            .ValidateOnStart();
        services.AddModuleDbContext<WebhooksDbContext>(WebhooksDbContext.Schema, options => new WebhooksDbContext(options));
        services.AddValidatorsFromAssembly(typeof(WebhooksModule).Assembly, includeInternalTypes: true);
        services.AddSingleton<IWebhookOutbox, WebhookOutbox>();
        services.AddSingleton<UrlGuard>();
        services.AddSingleton<EndpointStore>();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhooksMetrics>();
        services.AddSingleton<OpsQueries>();
        services.AddHostedService<DeliveryWorker>();
        return services;
    }

    public static IEndpointRouteBuilder MapWebhooksEndpoints(this IEndpointRouteBuilder endpoints)
    {
        PixWebhookEndpoints.Map(endpoints);
        GposEndpointEndpoints.Map(endpoints);
        WebhookOpsEndpoints.Map(endpoints);
        return endpoints;
    }
}
