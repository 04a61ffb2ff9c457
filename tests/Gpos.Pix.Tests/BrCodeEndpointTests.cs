using System.Net;
using System.Text.Json.Nodes;
using Gpos.Testing;

namespace Gpos.Pix.Tests;

/// <summary>QR images of a charge and the BR Code validation endpoint.</summary>
public sealed class BrCodeEndpointTests(PixHost pix) : IClassFixture<PixHost>
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task QrCode_PngAndSvg_ImagesOfTheCharge()
    {
        var txid = PixHost.NewTxid();
        await pix.PutCobAsync(txid, PixHost.CobBody());

        using var png = await pix.MerchantA_Client.GetAsync(new Uri($"/v2/cob/{txid}/qrcode.png", UriKind.Relative));
        using var svg = await pix.MerchantA_Client.GetAsync(new Uri($"/v2/cob/{txid}/qrcode.svg", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PngSignature, (await png.Content.ReadAsByteArrayAsync())[..8]);
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QrCode_OtherMerchantsCharge_404()
    {
        var txid = PixHost.NewTxid();
        await pix.PutCobAsync(txid, PixHost.CobBody());
        using var merchantB = pix.Host.MtlsClient(TestPki.Merchant(PixHost.MerchantB));

        using var response = await merchantB.GetAsync(new Uri($"/v2/cob/{txid}/qrcode.png", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ValidateBrCode_ChargesPixCopiaECola_ValidDynamicWithLocation()
    {
        var (_, charge) = await pix.PutCobAsync(PixHost.NewTxid(), PixHost.CobBody());

        var (response, body) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Post, "/v1/brcode/validate",
            PixHost.Json(new JsonObject { ["brCode"] = charge["pixCopiaECola"]!.GetValue<string>() }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body["valid"]!.GetValue<bool>());
        Assert.Equal(charge["location"]!.GetValue<string>(), body["fields"]!["url"]!.GetValue<string>());
        Assert.Equal("LOJA A", body["fields"]!["merchantName"]!.GetValue<string>());
    }

    [Fact]
    public async Task ValidateBrCode_BadCrc_InvalidWithViolations()
    {
        var (_, charge) = await pix.PutCobAsync(PixHost.NewTxid(), PixHost.CobBody());
        var text = charge["pixCopiaECola"]!.GetValue<string>();
        var broken = text[..^4] + (text[^4..] == "0000" ? "1111" : "0000");

        var (response, body) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Post, "/v1/brcode/validate",
            PixHost.Json(new JsonObject { ["brCode"] = broken }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body["valid"]!.GetValue<bool>());
        Assert.NotEmpty(body["violations"]!.AsArray());
        Assert.Null(body["fields"]);
    }
}
