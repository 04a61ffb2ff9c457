using System.Globalization;
using System.Security.Cryptography;

namespace Gpos.PspSimulator.Pix;

/// <summary>
/// Realistic identifiers (pix-api.md §2.1): <c>E</c>/<c>D</c> + ISPB (8) + <c>yyyyMMddHHmm</c> UTC + 11 alphanumerics
/// = 32 characters, and payload locations <c>{host}/qr/v2/{uuid without dashes}</c>.
/// </summary>
internal static class PixIds
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string EndToEndId(string payerIspb, DateTimeOffset at) => Identifier('E', payerIspb, at);

    public static string RtrId(string receiverIspb, DateTimeOffset at) => Identifier('D', receiverIspb, at);

    public static string Location(string host) => $"{host}/qr/v2/{Guid.NewGuid():N}";

    /// <summary>A txid the simulator picks (26..35 alphanumerics); used for MED/return ids too.</summary>
    public static string Random(int length) => new(RandomNumberGenerator.GetItems<char>(Alphanumerics, length));

    private static string Identifier(char prefix, string ispb, DateTimeOffset at) =>
        string.Concat(
            prefix.ToString(),
            ispb,
            at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture),
            Random(11));
}
