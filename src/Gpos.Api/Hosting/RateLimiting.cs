using System.Globalization;
using System.Threading.RateLimiting;
using Gpos.BuildingBlocks.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gpos.Api.Hosting;

/// <summary>
/// Per-terminal, per-merchant and per-address token buckets (issue 12: rate limits per terminal and per merchant),
/// with ASP.NET Core's rate limiter. A terminal's request spends a token from its own bucket and from its merchant's.
/// </summary>
internal static class RateLimiting
{
    public static IServiceCollection AddGposRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
        {
            var o = limits.Value;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => CallerPartition(context, o)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => MerchantPartition(context, o)));
            limiter.OnRejected = (rejected, _) => WriteProblemAsync(rejected);
        });
        return services;
    }

    private static RateLimitPartition<string> CallerPartition(HttpContext context, RateLimitOptions o)
    {
        if (!o.Enabled || IsProbe(context.Request.Path))
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        var caller = context.User.GetCaller();
        return caller?.Kind switch
        {
            CallerKind.Terminal => Bucket("terminal:" + caller.Id, o.TerminalPerSecond, o.TerminalBurst),
            null => Bucket("address:" + context.Connection.RemoteIpAddress, o.AnonymousPerSecond, o.AnonymousBurst),
            _ => RateLimitPartition.GetNoLimiter("unlimited"),
        };
    }

    private static RateLimitPartition<string> MerchantPartition(HttpContext context, RateLimitOptions o)
    {
        var caller = context.User.GetCaller();
        return o.Enabled && caller is { Kind: CallerKind.Terminal or CallerKind.Merchant, MerchantId: { } merchant }
            ? Bucket("merchant:" + merchant, o.MerchantPerSecond, o.MerchantBurst)
            : RateLimitPartition.GetNoLimiter("unlimited");
    }

    private static RateLimitPartition<string> Bucket(string key, int perSecond, int burst) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.Ordinal) || path.StartsWithSegments("/metrics", StringComparison.Ordinal);

    private static async ValueTask WriteProblemAsync(OnRejectedContext rejected)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests",
            Detail = "This caller's request rate is above its limit; retry after the indicated delay.",
            Type = "https://gpos.example/problems/rate-limited",
        };
        problem.Extensions["correlationId"] = http.TraceIdentifier;
        await TypedResults.Problem(problem).ExecuteAsync(http);
    }
}
