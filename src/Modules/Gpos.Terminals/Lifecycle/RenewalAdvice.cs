using System.Globalization;
using Gpos.BuildingBlocks.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Gpos.Terminals.Lifecycle;

/// <summary>
/// Every response to a terminal whose certificate is past the renewal point (~2/3 of its lifetime) carries
/// <c>Gpos-Certificate-Renew: {renewAfter}</c>, so a terminal that missed its schedule is told on its next call.
/// Added at the front of the pipeline; the header is decided when the response starts, after authentication.
/// </summary>
internal sealed class RenewalAdvice(IOptions<TerminalsOptions> options, TimeProvider clock) : IStartupFilter
{
    public const string HeaderName = "Gpos-Certificate-Renew";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Response.OnStarting(() =>
            {
                AddHeaderIfDue(context);
                return Task.CompletedTask;
            });
            return nextMiddleware(context);
        });
        next(app);
    };

    private void AddHeaderIfDue(HttpContext context)
    {
        if (context.User.FindFirst(GposClaimTypes.Kind)?.Value != "terminal"
            || !DateTimeOffset.TryParse(context.User.FindFirst(GposClaimTypes.CertificateNotBefore)?.Value, CultureInfo.InvariantCulture, out var notBefore)
            || !DateTimeOffset.TryParse(context.User.FindFirst(GposClaimTypes.CertificateNotAfter)?.Value, CultureInfo.InvariantCulture, out var notAfter))
        {
            return;
        }

        var renewAfter = notBefore + ((notAfter - notBefore) * options.Value.RenewAfterFraction);
        if (clock.GetUtcNow() >= renewAfter)
        {
            context.Response.Headers[HeaderName] = renewAfter.ToString("O", CultureInfo.InvariantCulture);
        }
    }
}
