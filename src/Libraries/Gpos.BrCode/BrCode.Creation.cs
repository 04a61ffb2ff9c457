using Gpos.BrCode.Internal;

namespace Gpos.BrCode;

/// <summary>Creating codes from a caller's values: normalise, check, encode, and validate the result.</summary>
public sealed partial class BrCode
{
    /// <summary>
    /// Creates a static BR Code. Name and city are folded to upper-case ASCII and cut (reported in
    /// <see cref="BrCodeCreateResult.Normalizations"/>); invalid values are reported in <see cref="BrCodeCreateResult.Errors"/>.
    /// </summary>
    public static BrCodeCreateResult CreateStatic(StaticBrCodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = new CreationContext();
        var info = request.AdditionalInfo is null
            ? null
            : context.Fold(request.AdditionalInfo, new BrCodeTag(Tags.PixAccount, Tags.AccountInfo), upperCase: false, int.MaxValue);
        context.Text(request.Key, new BrCodeTag(Tags.PixAccount, Tags.AccountKey), Tags.MaxKeyLength);
        context.Text(info, new BrCodeTag(Tags.PixAccount, Tags.AccountInfo), Tags.MaxInfoLength);
        context.Fss(request.Fss);
        context.TxId(request.TxId);
        var code = new BrCode
        {
            Kind = BrCodeKind.Static,
            Key = request.Key,
            AdditionalInfo = info,
            Fss = request.Fss,
            ReferenceLabel = request.TxId ?? Tags.NoTxId,
        };
        return Finish(code, request.MerchantName, request.MerchantCity, request.Amount, request.PostalCode, request.MerchantCategoryCode, context);
    }

    /// <summary>
    /// Creates a dynamic BR Code: POI <c>12</c>, 62-05 <c>***</c>, the url without scheme.
    /// </summary>
    public static BrCodeCreateResult CreateDynamic(DynamicBrCodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = new CreationContext();
        var url = context.StripScheme(request.Url);
        context.Text(url, new BrCodeTag(Tags.PixAccount, Tags.AccountUrl), Tags.MaxUrlLength);
        var code = new BrCode
        {
            Kind = BrCodeKind.Dynamic,
            PointOfInitiation = PointOfInitiationMethod.SingleUse,
            Url = url,
            ReferenceLabel = Tags.NoTxId,
        };
        return Finish(code, request.MerchantName, request.MerchantCity, request.Amount, request.PostalCode, request.MerchantCategoryCode, context);
    }

    private static BrCodeCreateResult Finish(
        BrCode partial, string name, string city, long? amount, string? postalCode, string mcc, CreationContext context)
    {
        var code = new BrCode
        {
            Kind = partial.Kind,
            PointOfInitiation = partial.PointOfInitiation,
            Key = partial.Key,
            AdditionalInfo = partial.AdditionalInfo,
            Fss = partial.Fss,
            Url = partial.Url,
            ReferenceLabel = partial.ReferenceLabel,
            MerchantName = context.Fold(name, new BrCodeTag(Tags.MerchantName), upperCase: true, Tags.MaxNameLength),
            MerchantCity = context.Fold(city, new BrCodeTag(Tags.MerchantCity), upperCase: true, Tags.MaxCityLength),
            Amount = amount,
            PostalCode = postalCode,
            MerchantCategoryCode = mcc,
        };
        context.Amount(amount);
        context.Text(postalCode, new BrCodeTag(Tags.PostalCode), Tags.MaxPostalCodeLength);
        context.Require(code.MerchantName.Length > 0, new BrCodeTag(Tags.MerchantName), BrCodeViolationReason.MissingTag);
        context.Require(code.MerchantCity.Length > 0, new BrCodeTag(Tags.MerchantCity), BrCodeViolationReason.MissingTag);
        context.Require(mcc.Length == 4 && !mcc.AsSpan().ContainsAnyExcept(CharSets.Digits), new BrCodeTag(Tags.MerchantCategoryCode), BrCodeViolationReason.InvalidValue);
        context.Require(code.AccountLength() <= 99, new BrCodeTag(Tags.PixAccount), BrCodeViolationReason.ValueTooLong);
        if (context.HasErrors)
        {
            return context.Failure();
        }

        Span<char> buffer = stackalloc char[Tags.MaxPayloadLength];
        if (!code.TryEncode(buffer, out var written))
        {
            context.Require(false, BrCodeTag.None, BrCodeViolationReason.InputTooLong);
            return context.Failure();
        }

        // Safety net: whatever we emit must pass our own strict decoder.
        var sink = new ViolationSink(collect: true);
        BrCodeDecoder.Decode(buffer[..written], lenient: false, ref sink, out var layout);
        if (sink.ErrorCount > 0)
        {
            return context.Failure(sink.Violations);
        }

        code.Crc = layout.CrcValue;
        return context.Success(code);
    }
}
