using Gpos.BuildingBlocks.Identity;

namespace Gpos.BuildingBlocks.Tests;

/// <summary>Reading the caller from certificate URI SANs: one unambiguous GPOS identity, or none.</summary>
public sealed class CallerIdentityTests
{
    [Fact]
    public void TryFromUris_Terminal_CarriesMerchantScope()
    {
        Assert.True(CallerIdentity.TryFromUris(["urn:gpos:terminal:t1", "urn:gpos:merchant:m1"], out var caller));
        Assert.Equal(new CallerIdentity(CallerKind.Terminal, "t1", "m1"), caller);
    }

    [Fact]
    public void TryFromUris_Merchant_IsScopedToItself()
    {
        Assert.True(CallerIdentity.TryFromUris(["urn:gpos:merchant:m1"], out var caller));
        Assert.Equal(new CallerIdentity(CallerKind.Merchant, "m1", "m1"), caller);
    }

    [Theory]
    [InlineData("urn:gpos:terminal:t1")] // a terminal must name its merchant
    [InlineData("urn:gpos:terminal:t1", "urn:gpos:ops:o1", "urn:gpos:merchant:m1")] // two primary subjects
    [InlineData("urn:gpos:merchant:m1", "urn:gpos:merchant:m2")] // two merchants
    [InlineData("urn:gpos:admin:root")] // unknown kind
    [InlineData("urn:gpos:ops:")] // empty id
    [InlineData("urn:gpos:ops:a b")] // bad characters
    [InlineData("https://example.com")]
    public void TryFromUris_AmbiguousOrForeign_IsRefused(params string[] uris) =>
        Assert.False(CallerIdentity.TryFromUris(uris, out _));
}
