using Gpos.BuildingBlocks.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Formatting.Compact;

namespace Gpos.Api.Observability;

internal static class LoggingSetup
{
    /// <summary>
    /// Serilog: structured JSON to the console, context properties (correlation id, caller) on every line, and the
    /// card-data masks applied to every event before any sink sees it. Extra sinks registered in DI (tests capture
    /// logs this way) receive the same masked events.
    /// </summary>
    public static void AddGposLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, configuration) =>
        {
            configuration
                .ReadFrom.Configuration(builder.Configuration)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Application", "Gpos.Api")
                .Destructure.With<CardDataDestructuringPolicy>()
                .Enrich.With<CardDataMaskingEnricher>()
                .WriteTo.Console(new RenderedCompactJsonFormatter());
            foreach (var sink in services.GetServices<ILogEventSink>())
            {
                configuration.WriteTo.Sink(sink);
            }
        }, preserveStaticLogger: true); // no process-wide static logger: each host (tests run several) keeps its own
    }

    public static void UseGposRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // The host's own logger; the default would be the static Log.Logger, shared by every host in the process.
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.000} ms";
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("LocalPort", http.Connection.LocalPort);
                diagnostics.Set("Endpoint", http.GetEndpoint()?.DisplayName);
            };
        });
}
