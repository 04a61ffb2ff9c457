using System.Text;
using CsCheck;

namespace Gpos.BrCode.Tests;

/// <summary>encode → decode → same model, over random valid inputs (CsCheck; failures shrink to a minimal request).</summary>
public sealed class RoundTripPropertyTests
{
    [Fact]
    public void CreateStatic_RandomValidRequests_RoundTripsToSameModel()
    {
        Generators.Static.Sample(request =>
        {
            var created = BrCode.CreateStatic(request);
            Assert.True(created.IsSuccess, string.Join(" | ", created.Errors));
            AssertRoundTrip(created.Code!);
            AssertNormalised(created.Code!);
            Assert.Equal(created.Normalizations.Any(n => n.Tag.Id == 59), request.MerchantName != created.Code!.MerchantName);
        }, iter: 5_000);
    }

    [Fact]
    public void CreateDynamic_RandomValidRequests_RoundTripsToSameModel()
    {
        Generators.Dynamic.Sample(request =>
        {
            var created = BrCode.CreateDynamic(request);
            Assert.True(created.IsSuccess, string.Join(" | ", created.Errors));
            var code = created.Code!;
            Assert.Equal(BrCodeKind.Dynamic, code.Kind);
            Assert.DoesNotContain("://", code.Url!, StringComparison.Ordinal);
            AssertRoundTrip(code);
            AssertNormalised(code);
        }, iter: 5_000);
    }

    private static void AssertRoundTrip(BrCode code)
    {
        var text = code.Encode();
        Assert.True(text.Length <= 512);

        var decoded = BrCode.TryParse(text);
        Assert.True(decoded.IsValid, string.Join(" | ", decoded.Violations));
        Assert.Empty(decoded.Violations);
        ModelAssert.Same(code, decoded.Code!);

        ModelAssert.Same(code, BrCode.Parse(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(text, decoded.Code!.Encode());
        Assert.True(BrCode.Validate(text).IsValid);
    }

    private static void AssertNormalised(BrCode code)
    {
        Assert.InRange(code.MerchantName.Length, 1, 25);
        Assert.InRange(code.MerchantCity.Length, 1, 15);
        Assert.All(code.MerchantName + code.MerchantCity, c => Assert.InRange(c, ' ', '~'));
        Assert.Equal(code.MerchantName.ToUpperInvariant(), code.MerchantName);
    }
}
