using System.Reflection;
using System.Security.Claims;
using Gpos.BuildingBlocks.Identity;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace Gpos.Api.Endpoints;

/// <summary>The caller as GPOS sees it.</summary>
public sealed record WhoAmIResponse(string Kind, string Id, string Urn, string? MerchantId, string? CertificateSerial, DateTimeOffset? CertificateNotAfter);

/// <summary>Status of this instance, for ops.</summary>
public sealed record InstanceStatusResponse(string Version, string Machine, DateTimeOffset StartedAt, DateTimeOffset Now, string Caller);

internal static class HostEndpoints
{
    public static void MapHostEndpoints(this WebApplication app, DateTimeOffset startedAt)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = WriteHealthAsync,
        }).AllowAnonymous();
        app.MapMetrics("/metrics").AllowAnonymous();

        app.MapGet("/v1/me", WhoAmI)
            .WithTags("Identity")
            .WithName("WhoAmI")
            .WithSummary("The authenticated caller, as read from its client certificate (or the ops token).");

        app.MapGet("/ops/v1/status", (ClaimsPrincipal user, TimeProvider clock) => TypedResults.Ok(new InstanceStatusResponse(
                typeof(HostEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev",
                Environment.MachineName, startedAt, clock.GetUtcNow(), user.RequireCaller().Urn)))
            .RequireAuthorization(GposPolicies.Ops)
            .WithTags("Ops: instance")
            .WithName("GetInstanceStatus")
            .WithSummary("Version, machine and uptime of the instance that answered.");
    }

    private static Ok<WhoAmIResponse> WhoAmI(ClaimsPrincipal user)
    {
        var caller = user.RequireCaller();
        var notAfter = user.FindFirstValue(GposClaimTypes.CertificateNotAfter);
        return TypedResults.Ok(new WhoAmIResponse(
            caller.Kind.ToString().ToLowerInvariant(), caller.Id, caller.Urn, caller.MerchantId,
            user.FindFirstValue(GposClaimTypes.CertificateSerial),
            notAfter is null ? null : DateTimeOffset.Parse(notAfter, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}
