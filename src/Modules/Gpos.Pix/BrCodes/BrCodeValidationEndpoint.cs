using System.Globalization;
using System.Text.Json.Nodes;
using FluentValidation;
using Gpos.BuildingBlocks.Identity;
using Gpos.Pix.Contracts;
using Gpos.Pix.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gpos.Pix.BrCodes;

/// <summary>A BR Code a terminal scanned or a merchant pasted.</summary>
internal sealed record ValidateBrCodeRequest(string BrCode);

internal sealed class ValidateBrCodeValidator : AbstractValidator<ValidateBrCodeRequest>
{
    public ValidateBrCodeValidator() => RuleFor(r => r.BrCode).NotEmpty().MaximumLength(4096);
}

/// <summary><c>POST /v1/brcode/validate</c>: the decoded fields of a valid code, or every violation (strict CRC).</summary>
internal static class BrCodeValidationEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/v1/brcode/validate", Validate).RequireAuthorization(GposPolicies.MerchantOrTerminal, PixScopes.Policy(PixScopes.CobRead)).WithTags("Pix: BR Code")
            .WithName("ValidateBrCode").WithSummary("Decode and validate a BR Code; returns its fields or every violation.");

    private static IResult Validate(ValidateBrCodeRequest request)
    {
        var result = BrCode.BrCode.TryParse(request.BrCode);
        var violations = new JsonArray(result.Violations.Select(v => (JsonNode)new JsonObject
        {
            ["tag"] = v.Tag.ToString(),
            ["offset"] = v.Offset,
            ["reason"] = v.Reason.ToString(),
            ["severity"] = v.Severity.ToString(),
            ["message"] = v.Message,
        }).ToArray());
        var body = new JsonObject { ["valid"] = result.IsValid, ["violations"] = violations };
        if (result.Code is { } code)
        {
            body["fields"] = new JsonObject
            {
                ["kind"] = code.Kind.ToString(),
                ["pointOfInitiation"] = code.PointOfInitiation?.ToString(),
                ["chave"] = code.Key,
                ["url"] = code.Url,
                ["infoAdicional"] = code.AdditionalInfo,
                ["merchantCategoryCode"] = code.MerchantCategoryCode,
                ["currency"] = code.CurrencyCode,
                ["valor"] = code.Amount is { } amount ? PixMoney.Format(amount) : null,
                ["merchantName"] = code.MerchantName,
                ["merchantCity"] = code.MerchantCity,
                ["postalCode"] = code.PostalCode,
                ["txid"] = code.TxId,
                ["crc"] = code.Crc.ToString("X4", CultureInfo.InvariantCulture),
            };
        }

        return Results.Json(body);
    }
}
