using System.Text.RegularExpressions;
using Gpos.BuildingBlocks.Identity;
using Serilog.Context;

namespace Gpos.Api.Observability;

/// <summary>
/// Gives every request a correlation id (the caller's <c>X-Correlation-Id</c> when well-formed, else a new one),
/// returns it in the response header, and puts it, and the caller once known, on every log line of the request.
/// </summary>
internal sealed partial class CorrelationIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Correlation-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        string? incoming = context.Request.Headers[HeaderName];
        var correlationId = incoming is not null && SafeId().IsMatch(incoming) ? incoming : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = correlationId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = correlationId;
            return Task.CompletedTask;
        });
        using (LogContext.PushProperty("CorrelationId", correlationId))
        {
            await next(context);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex SafeId();
}

/// <summary>Runs after authentication: adds the caller (terminal, merchant…) to every log line of the request.</summary>
internal sealed class CallerLogContextMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var caller = context.User.GetCaller();
        if (caller is null)
        {
            await next(context);
            return;
        }

        using (LogContext.PushProperty("Caller", caller.Urn))
        using (LogContext.PushProperty("MerchantId", caller.MerchantId))
        {
            await next(context);
        }
    }
}
