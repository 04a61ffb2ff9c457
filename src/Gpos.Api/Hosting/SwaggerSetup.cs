using Microsoft.OpenApi;

namespace Gpos.Api.Hosting;

internal static class SwaggerSetup
{
    public const string BearerScheme = "opsBearer";

    /// <summary>
    /// Swagger UI for ops (design.md §1). Every endpoint is documented; the ops bearer token is offered in the UI's
    /// Authorize dialog so ops can work from a browser on the bootstrap port without a client certificate.
    /// </summary>
    public static IServiceCollection AddGposSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(c =>
        {
            c.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "GPOS Payments API",
                Version = "v1",
                Description = "Pix (API Pix-compatible), cards over ISO 8583, terminals, webhooks and the ledger. "
                    + "Terminal, merchant and PSP calls use mTLS on the mTLS port; ops may use the bearer token below "
                    + "on the bootstrap port.",
            });
            c.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Ops bearer token (printed by the run command; only its SHA-256 is configured).",
            });
            c.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [],
            });
            c.CustomSchemaIds(type => type.FullName!.Replace('+', '.'));
        });
        return services;
    }

    public static void UseGposSwagger(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/swagger/v1/swagger.json", "GPOS Payments API v1");
            ui.DocumentTitle = "GPOS Payments — ops";
            ui.EnablePersistAuthorization();
        });
    }
}
