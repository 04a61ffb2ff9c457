using System.Security.Authentication;
using Gpos.Api.Auth;
using Gpos.Api.Database;
using Gpos.Api.Endpoints;
using Gpos.Api.Errors;
using Gpos.Api.Hosting;
using Gpos.Api.Observability;
using Gpos.Api.Tls;
using Gpos.BuildingBlocks.Http;
using Gpos.Cards;
using Gpos.Ledger;
using Gpos.Pix;
using Gpos.Terminals;
using Gpos.Webhooks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;
using System.Net;
using System.Text.Json.Serialization;

namespace Gpos.Api;

/// <summary>The composition root: one Kestrel host with two TLS listeners and the five modules.</summary>
public static class GposApi
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.Services.AddOptions<GposHostOptions>().Bind(builder.Configuration.GetSection(GposHostOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System); // tests may supply a fake clock first
        builder.AddGposLogging();
        builder.AddGposDatabase();
        builder.Services.AddSingleton<TlsMaterial>();
        builder.Services.AddSingleton<ClientCertificateValidator>();
        builder.Services.AddGposAuthentication();
        builder.Services.AddGposRateLimiting(builder.Configuration);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["correlationId"] = c.HttpContext.TraceIdentifier);
        builder.Services.AddSingleton<IProblemDetailsWriter, AcceptAnyProblemDetailsWriter>(); // after the framework's writer
        builder.Services.AddExceptionHandler<GposExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o =>
        {
            // Payments APIs are strict: a field the contract does not know is an error, not silently dropped.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.MaxDepth = 32;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        builder.Services.AddGposSwagger();
        builder.WebHost.ConfigureKestrel(ConfigureListeners);

        builder.Services
            .AddTerminalsModule(builder.Configuration)
            .AddPixModule(builder.Configuration)
            .AddCardsModule(builder.Configuration)
            .AddWebhooksModule(builder.Configuration)
            .AddLedgerModule(builder.Configuration);

        var app = builder.Build();
        var startedAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();

        app.UseMiddleware<CorrelationIdMiddleware>();
        // Outside the exception handler, so the request log shows the status the caller got (503 on a database
        // outage, not the 500 of the exception passing through); the handler logs the exception itself.
        app.UseGposRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseGposSwagger();
        app.UseRouting();
        app.UseHttpMetrics();
        app.UseAuthentication();
        app.UseMiddleware<CallerLogContextMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<Utf8RequestBodyMiddleware>();

        app.MapHostEndpoints(startedAt);
        app.MapOAuthTokenEndpoint();
        var api = app.MapGroup("").AddEndpointFilterFactory(ValidationFilter.Factory);
        api.MapTerminalsEndpoints();
        api.MapPixEndpoints();
        api.MapCardsEndpoints();
        api.MapWebhooksEndpoints();
        api.MapLedgerEndpoints();
        return app;
    }

    /// <summary>Migrations and start-up tasks: run before the host starts listening.</summary>
    public static Task PrepareAsync(this WebApplication app, CancellationToken cancellationToken = default) =>
        app.PrepareDatabaseAsync(cancellationToken);

    private static void ConfigureListeners(WebHostBuilderContext context, KestrelServerOptions kestrel)
    {
        var options = kestrel.ApplicationServices.GetRequiredService<IOptions<GposHostOptions>>().Value;
        var tls = kestrel.ApplicationServices.GetRequiredService<TlsMaterial>();
        var validator = kestrel.ApplicationServices.GetRequiredService<ClientCertificateValidator>();
        var address = IPAddress.Parse(options.ListenAddress);

        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));

        kestrel.Listen(address, options.MtlsPort, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = tls.ServerCertificate,
            ServerCertificateChain = tls.Intermediates,
            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificateMode = ClientCertificateMode.RequireCertificate,
            ClientCertificateValidation = validator.Validate,
            HandshakeTimeout = TimeSpan.FromSeconds(10),
        }));
        kestrel.Listen(address, options.BootstrapPort, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = tls.ServerCertificate,
            ServerCertificateChain = tls.Intermediates,
            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificateMode = ClientCertificateMode.NoCertificate,
            HandshakeTimeout = TimeSpan.FromSeconds(10),
        }));
    }
}
