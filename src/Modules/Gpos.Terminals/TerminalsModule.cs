using FluentValidation;
using Gpos.BuildingBlocks;
using Gpos.BuildingBlocks.Identity;
using Gpos.BuildingBlocks.Persistence;
using Gpos.BuildingBlocks.Security;
using Gpos.Terminals.Enrollment;
using Gpos.Terminals.Lifecycle;
using Gpos.Terminals.Persistence;
using Gpos.Terminals.Pki;
using Gpos.Terminals.Registry;
using Gpos.Terminals.Renewal;
using Gpos.Terminals.Revocation;
using Gpos.Terminals.RevokeCertificate;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gpos.Terminals;

/// <summary>Composition of the Terminals module: private CA, terminal registry, enrollment, renewal, revocation.</summary>
public static class TerminalsModule
{
    public static IServiceCollection AddTerminalsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TerminalsOptions>().Bind(configuration.GetSection(TerminalsOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddModuleDbContext<TerminalsDbContext>(TerminalsDbContext.Schema, options => new TerminalsDbContext(options));
        services.AddValidatorsFromAssembly(typeof(TerminalsModule).Assembly, includeInternalTypes: true);

        services.AddSingleton<RevocationList>();
        services.AddSingleton<ICertificateRevocationList>(sp => sp.GetRequiredService<RevocationList>());
        services.AddSingleton<RevocationListRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<RevocationListRefresher>());
        services.AddSingleton<IStartupTask, LoadRevocationListOnStart>();

        services.AddSingleton<IIssuingCa, FileIssuingCa>();
        services.AddSingleton<TerminalCertificateIssuer>();
        services.AddSingleton<AttestationVerifier>();
        services.AddScoped<EnrollmentService>();
        services.AddScoped<RegistrationService>();
        services.AddScoped<TerminalQueries>();
        services.AddScoped<ExpiringCertificates>();
        services.AddHostedService<ExpiringCertificatesReporter>();
        services.AddSingleton<IStartupFilter, RenewalAdvice>();
        return services;
    }

    public static IEndpointRouteBuilder MapTerminalsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var ops = endpoints.MapGroup("/ops/v1").WithTags("Ops: certificates").RequireAuthorization(GposPolicies.Ops);
        RevokeCertificateEndpoint.Map(ops);
        RegistryEndpoints.Map(endpoints);
        EnrollTerminalEndpoint.Map(endpoints);
        RenewCertificateEndpoint.Map(endpoints);
        RevokeTerminalEndpoint.Map(endpoints);
        ExpiringCertificates.Map(endpoints);
        PkiEndpoints.Map(endpoints);
        return endpoints;
    }
}
