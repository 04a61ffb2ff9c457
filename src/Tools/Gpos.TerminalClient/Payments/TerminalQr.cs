using QRCoder;

namespace Gpos.TerminalClient.Payments;

/// <summary>Draws a BR Code as a QR code in a text terminal (QRCoder's <c>AsciiQRCode</c>, Unicode half blocks, quiet zone included).</summary>
public static class TerminalQr
{
    /// <summary>The QR code of <paramref name="text"/> as lines of text (error correction M, as Pix QR codes commonly use).</summary>
    public static string Render(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var ascii = new AsciiQRCode(data);
        return ascii.GetGraphicSmall(drawQuietZones: true, invert: false, endOfLine: "\n");
    }
}
