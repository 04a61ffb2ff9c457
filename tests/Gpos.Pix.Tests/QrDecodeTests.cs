using System.Diagnostics;
using System.Net;

namespace Gpos.Pix.Tests;

/// <summary>
/// The QR image decodes to exactly <c>pixCopiaECola</c>. The decoder is independent of the encoder (QRCoder): npm's jsQR
/// over pngjs, run with Node (no .NET QR decoder is in the registry); its packages are installed at first use from
/// QrDecode/package-lock.json into the test output folder.
/// </summary>
public sealed class QrDecodeTests(PixHost pix) : IClassFixture<PixHost>
{
    private static readonly string DecoderFolder = Path.Combine(AppContext.BaseDirectory, "QrDecode");

    [Fact]
    public async Task QrCodePng_DecodedByAnIndependentReader_IsExactlyPixCopiaECola()
    {
        var txid = PixHost.NewTxid();
        var (created, cob) = await pix.PutCobAsync(txid, PixHost.CobBody("123.45"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var png = await pix.MerchantA_Client.GetAsync(new Uri($"/v2/cob/{txid}/qrcode.png", UriKind.Relative));
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        var file = Path.Combine(Path.GetTempPath(), $"gpos-qr-{txid}.png");
        await File.WriteAllBytesAsync(file, await png.Content.ReadAsByteArrayAsync());

        try
        {
            await EnsureDecoderAsync();
            var (exit, text, error) = await RunAsync("node", DecoderFolder, Path.Combine(DecoderFolder, "decode.cjs"), file);

            Assert.True(exit == 0, $"decoder exit {exit}: {error}");
            Assert.Equal(cob["pixCopiaECola"]!.GetValue<string>(), text);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task EnsureDecoderAsync()
    {
        if (Directory.Exists(Path.Combine(DecoderFolder, "node_modules", "jsqr")))
        {
            return;
        }

        var (exit, _, error) = await RunAsync("npm", DecoderFolder, "ci", "--no-audit", "--no-fund", "--loglevel=error");
        Assert.True(exit == 0, $"npm ci failed ({exit}): {error}");
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string program, string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
