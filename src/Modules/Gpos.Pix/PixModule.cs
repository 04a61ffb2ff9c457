using System.Threading.Channels;
using FluentValidation;
using Gpos.BuildingBlocks.Persistence;
using Gpos.Pix.BrCodes;
using Gpos.Pix.Charges;
using Gpos.Pix.Keys;
using Gpos.Pix.Lifecycle;
using Gpos.Pix.Persistence;
using Gpos.Pix.Psp;
using Gpos.Pix.Refunds;
using Gpos.Pix.Shared;
using Gpos.Pix.Webhook;
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
        services.AddOptions<PixOptions>().Bind(configuration.GetSection(PixOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddModuleDbContext<PixDbContext>(PixDbContext.Schema, options => new PixDbContext(options));
        services.AddValidatorsFromAssembly(typeof(PixModule).Assembly, includeInternalTypes: true);
        services.AddSingleton<PspClient>();
        services.AddSingleton<TxidLocks>();
        services.AddSingleton(Channel.CreateBounded<string>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest }));
        services.AddScoped<ChargeService>();
        services.AddScoped<ReceivedPixProcessor>();
        services.AddSingleton<PspWebhookGate>();
        services.AddSingleton<Gpos.Webhooks.Contracts.IPixKeyOwnership, PixKeyOwnership>();
        services.AddScoped<PixLedger>();
        services.AddScoped<PixLifecycleService>();
        services.AddScoped<PixNotificationApplier>();
        services.AddScoped<RefundFinisher>();
        services.AddScoped<RefundService>();
        services.AddSingleton<PspReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<PspReconciler>());
        return services;
    }

    public static IEndpointRouteBuilder MapPixEndpoints(this IEndpointRouteBuilder endpoints)
    {
        CobEndpoints.Map(endpoints);
        QrCodeEndpoints.Map(endpoints);
        BrCodeValidationEndpoint.Map(endpoints);
        PixEndpoints.Map(endpoints);
        RefundEndpoints.Map(endpoints);
        PspWebhookEndpoints.Map(endpoints);
        MerchantKeyEndpoints.Map(endpoints);
        return endpoints;
    }
}
