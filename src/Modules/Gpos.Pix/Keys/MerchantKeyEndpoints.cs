using System.Security.Claims;
using FluentValidation;
using Gpos.BuildingBlocks.Http;
using Gpos.BuildingBlocks.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Gpos.Pix.Keys;

/// <summary>Ops registers a merchant's Pix key (chave) with the name and city written into its BR Codes (tags 59/60).</summary>
internal sealed record RegisterPixKeyRequest(string Chave, string MerchantId, string MerchantName, string MerchantCity);

internal sealed class RegisterPixKeyValidator : AbstractValidator<RegisterPixKeyRequest>
{
    public RegisterPixKeyValidator()
    {
        RuleFor(r => r.Chave).NotEmpty().MaximumLength(77);
        RuleFor(r => r.MerchantId).NotEmpty().Matches("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
        RuleFor(r => r.MerchantName).NotEmpty().MaximumLength(25);
        RuleFor(r => r.MerchantCity).NotEmpty().MaximumLength(15);
    }
}

internal static class MerchantKeyEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/ops/v1/pix/keys", RegisterAsync).RequireAuthorization(GposPolicies.Ops).WithTags("Ops: Pix")
            .WithName("OpsRegisterPixKey").WithSummary("Register a merchant's Pix key (append-only; a key belongs to one merchant).");
    }

    private static async Task<IResult> RegisterAsync(RegisterPixKeyRequest request, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand("""
            INSERT INTO pix.merchant_keys (chave, merchant_id, merchant_name, merchant_city, registered_by, created_at)
            VALUES (@chave, @m, @name, @city, @by, @now) ON CONFLICT (chave) DO NOTHING
            """);
        command.Parameters.AddWithValue("chave", request.Chave);
        command.Parameters.AddWithValue("m", request.MerchantId);
        command.Parameters.AddWithValue("name", request.MerchantName);
        command.Parameters.AddWithValue("city", request.MerchantCity);
        command.Parameters.AddWithValue("by", user.RequireCaller().Urn);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        var inserted = await command.ExecuteNonQueryAsync(cancellationToken);
        return inserted == 1
            ? Results.Created($"/ops/v1/pix/keys/{Uri.EscapeDataString(request.Chave)}", request)
            : ProblemResults.Conflict("This Pix key is already registered.");
    }
}
