using Gpos.BuildingBlocks.Identity;
using Gpos.BuildingBlocks.Persistence;
using Gpos.Ledger.Contracts;
using Gpos.Ledger.GetAccountBalances;
using Gpos.Ledger.GetJournalEntry;
using Gpos.Ledger.Persistence;
using Gpos.Ledger.Posting;
using Gpos.Ledger.Projections;
using Gpos.Ledger.Queries;
using Gpos.Ledger.Sealing;
using Gpos.Ledger.Verification;
using Gpos.Ledger.VerifyLedger;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gpos.Ledger;

/// <summary>
/// Composition of the Ledger module (design.md §6): the journal contracts other modules post through, the sealer,
/// verification and the ops endpoints.
/// </summary>
public static class LedgerModule
{
    public static IServiceCollection AddLedgerModule(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LedgerOptions>().Bind(configuration.GetSection(LedgerOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddModuleDbContext<LedgerDbContext>(LedgerDbContext.Schema, options => new LedgerDbContext(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<ILedgerPosting, LedgerPosting>();
        services.AddSingleton<ILedgerQueries, LedgerQueries>();
        services.AddSingleton<ILedgerVerifier, LedgerVerifier>();
        services.AddSingleton<BalanceProjection>();
        services.AddSingleton<LedgerMetrics>();
        services.AddSingleton<LedgerSealer>();
        services.AddHostedService<SealerService>();
        return services;
    }

    public static IEndpointRouteBuilder MapLedgerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var ops = endpoints.MapGroup("/ops/v1").WithTags("Ops: ledger").RequireAuthorization(GposPolicies.Ops);
        GetAccountBalancesEndpoint.Map(ops);
        GetJournalEntryEndpoint.Map(ops);
        VerifyLedgerEndpoint.Map(ops);
        return endpoints;
    }
}
