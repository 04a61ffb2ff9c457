using CsCheck;

namespace Gpos.BrCode.Tests;

/// <summary>CsCheck generators for valid creation requests (any Unicode name/city: the library must normalise).</summary>
internal static class Generators
{
    private const string Digits = "0123456789";
    private const string Alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Hex = "0123456789abcdef";

    // Letters Brazilian names use, plus punctuation, lower case and a few characters with no ASCII form.
    private const string NameChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .-&@'ÁÀÂÃÉÊÍÓÔÕÚÇáàâãéêíóôõúüç";

    public static readonly Gen<string> Key = Gen.OneOf(
        Gen.String[Gen.Char[Digits], 11, 11],
        Gen.String[Gen.Char[Digits], 14, 14],
        Gen.String[Gen.Char[Digits], 11, 11].Select(n => "+55" + n),
        Gen.Select(Gen.String[Gen.Char[Alnum], 1, 20], Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz"], 2, 10], (u, d) => u + "@" + d + ".com.br"),
        Gen.String[Gen.Char[Hex], 32, 32].Select(h => $"{h[..8]}-{h[8..12]}-{h[12..16]}-{h[16..20]}-{h[20..]}"));

    public static readonly Gen<string> Text = Gen.String[Gen.Char[NameChars], 1, 40]
        .Where(s => s.Any(char.IsLetterOrDigit));

    public static readonly Gen<long?> Amount = Gen.Frequency(
        (1, Gen.Const((long?)null)),
        (3, Gen.Long[1, 999_999_999_999L].Select(a => (long?)a)),
        (2, Gen.Long[1, 100_000L].Select(a => (long?)a)));

    public static readonly Gen<string?> TxId = Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (3, Gen.String[Gen.Char[Alnum], 1, 25].Select(s => (string?)s)));

    public static readonly Gen<string?> Info = Gen.Frequency(
        (2, Gen.Const((string?)null)),
        (1, Gen.String[Gen.Char[NameChars], 1, 20].Where(s => s.Trim().Length > 0).Select(s => (string?)s)));

    public static readonly Gen<string?> PostalCode = Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (1, Gen.String[Gen.Char[Digits], 8, 8].Select(s => (string?)s)));

    public static readonly Gen<StaticBrCodeRequest> Static =
        from key in Key
        from name in Text
        from city in Text
        from amount in Amount
        from txid in TxId
        from info in Info
        from postal in PostalCode
        from fss in Gen.Frequency((5, Gen.Const((string?)null)), (1, Gen.String[Gen.Char[Digits], 8, 8].Select(s => (string?)s)))
        select new StaticBrCodeRequest
        {
            Key = key,
            MerchantName = name,
            MerchantCity = city,
            Amount = amount,
            TxId = txid,
            AdditionalInfo = info,
            PostalCode = postal,
            Fss = fss,
        };

    public static readonly Gen<DynamicBrCodeRequest> Dynamic =
        from host in Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"], 1, 20]
        from path in Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789/-._"], 0, 45]
        from https in Gen.Bool
        from name in Text
        from city in Text
        from amount in Amount
        from postal in PostalCode
        select new DynamicBrCodeRequest
        {
            Url = (https ? "https://" : "") + host + ".com.br/" + path,
            MerchantName = name,
            MerchantCity = city,
            Amount = amount,
            PostalCode = postal,
        };
}
