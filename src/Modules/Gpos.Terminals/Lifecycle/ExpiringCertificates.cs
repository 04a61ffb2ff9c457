using System.Diagnostics.Metrics;
using Gpos.BuildingBlocks.Identity;
using Gpos.Terminals.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gpos.Terminals.Lifecycle;

internal sealed record ExpiringCertificateView(string TerminalId, string SerialNumber, DateTimeOffset NotAfter);

/// <summary>
/// Terminals whose newest certificate expires within the window and that are not revoked: they have missed their
/// renewals (offline, broken clock) and need attention before they stop working.
/// </summary>
internal sealed class ExpiringCertificates(TerminalsDbContext db, IOptions<TerminalsOptions> options, TimeProvider clock)
{
    public async Task<List<ExpiringCertificateView>> ListAsync(TimeSpan? within, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var horizon = now + (within ?? options.Value.ExpiringSoonWindow);
        return await db.IssuedCertificates.AsNoTracking()
            .Where(c => !db.TerminalRevocations.Any(r => r.TerminalId == c.TerminalId))
            .Where(c => !db.IssuedCertificates.Any(newer => newer.TerminalId == c.TerminalId && newer.NotAfter > c.NotAfter))
            .Where(c => c.NotAfter > now && c.NotAfter <= horizon)
            .OrderBy(c => c.NotAfter)
            .Select(c => new ExpiringCertificateView(c.TerminalId, c.SerialNumber, c.NotAfter))
            .ToListAsync(cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/ops/v1/terminals/certificates/expiring",
                async (int? withinHours, ExpiringCertificates expiring, CancellationToken cancellationToken) =>
                    TypedResults.Ok(await expiring.ListAsync(withinHours is null ? null : TimeSpan.FromHours(withinHours.Value), cancellationToken)))
            .RequireAuthorization(GposPolicies.Ops)
            .WithTags("Ops: terminals")
            .WithName("ListExpiringCertificates")
            .WithSummary("Terminals whose newest certificate expires soon (default window: Gpos:Terminals:ExpiringSoonWindow).");
}

/// <summary>Reports expiring certificates every 15 minutes in the logs and as the gauge gpos_terminal_certificates_expiring.</summary>
internal sealed class ExpiringCertificatesReporter(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ExpiringCertificatesReporter> logger)
    : BackgroundService
{
    private static readonly Meter Meter = new("Gpos.Terminals");
    private int _expiring;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Meter.CreateObservableGauge("gpos_terminal_certificates_expiring", () => Volatile.Read(ref _expiring),
            description: "Terminals whose newest certificate expires within the expiring-soon window.");
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(15), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var expiring = await scope.ServiceProvider.GetRequiredService<ExpiringCertificates>().ListAsync(null, stoppingToken);
                Volatile.Write(ref _expiring, expiring.Count);
                foreach (var certificate in expiring)
                {
                    logger.LogWarning("Terminal {TerminalId} certificate {SerialNumber} expires at {NotAfter} and has not been renewed",
                        certificate.TerminalId, certificate.SerialNumber, certificate.NotAfter);
                }
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                logger.LogWarning(ex, "Expiring-certificate report failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
