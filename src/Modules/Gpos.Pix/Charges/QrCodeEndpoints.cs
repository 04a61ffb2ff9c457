using System.Security.Claims;
using Gpos.BuildingBlocks.Identity;
using Gpos.Pix.Contracts;
using Gpos.Pix.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using QRCoder;

namespace Gpos.Pix.Charges;

/// <summary>The charge's QR code as PNG or SVG, encoding exactly its <c>pixCopiaECola</c> (design.md §3).</summary>
internal static class QrCodeEndpoints
{
    private const int PixelsPerModule = 8;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var cob = endpoints.MapGroup("/v2/cob").RequireAuthorization(GposPolicies.MerchantOrTerminal, PixScopes.Policy(PixScopes.CobRead)).WithTags("Pix: cob");
        cob.MapGet("/{txid}/qrcode.png", (string txid, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct) =>
            RenderAsync(txid, user, db, png: true, ct)).WithName("PixCobQrPng").WithSummary("The charge's QR code (PNG).");
        cob.MapGet("/{txid}/qrcode.svg", (string txid, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct) =>
            RenderAsync(txid, user, db, png: false, ct)).WithName("PixCobQrSvg").WithSummary("The charge's QR code (SVG).");
    }

    private static async Task<IResult> RenderAsync(string txid, ClaimsPrincipal user, NpgsqlDataSource db, bool png, CancellationToken cancellationToken)
    {
        if (!CobRequestParser.IsTxid(txid))
        {
            return PixProblems.CobNaoEncontrado();
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        if (await ChargeStore.FindOwnerAsync(connection, txid, cancellationToken) != user.RequireMerchantScope())
        {
            return PixProblems.CobNaoEncontrado();
        }

        var charge = await ChargeStore.FindAsync(connection, null, txid, null, cancellationToken);
        var text = charge is null ? null : CobJson.PixCopiaECola(charge);
        if (text is null)
        {
            return PixProblems.CobNaoEncontrado(); // no location yet: the PSP has not confirmed the charge
        }

        // ECC level M: the BR Code manual's recommendation balances density and damage tolerance for screens and prints.
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        if (png)
        {
            using var renderer = new PngByteQRCode(data);
            return Results.File(renderer.GetGraphic(PixelsPerModule), "image/png");
        }

        using var svg = new SvgQRCode(data);
        return Results.Text(svg.GetGraphic(PixelsPerModule), "image/svg+xml");
    }
}
