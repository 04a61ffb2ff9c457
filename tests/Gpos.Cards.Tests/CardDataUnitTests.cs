using Gpos.Cards.Authorize;
using Gpos.Cards.CardData;
using Gpos.Cards.HostLink;
using Gpos.Iso8583;
using Microsoft.Extensions.Time.Testing;

namespace Gpos.Cards.Tests;

/// <summary>Pure card data checks and STAN allocation.</summary>
public sealed class CardDataUnitTests
{
    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("5555555555554444", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("411111111111", false)]
    [InlineData("41111111111111111111", false)]
    [InlineData("4111a11111111111", false)]
    public void IsValidPan_Luhn(string pan, bool valid) => Assert.Equal(valid, CardNumbers.IsValidPan(pan));

    [Theory]
    [InlineData("4111111111111111=30121011234", "4111111111111111", "3012")]
    [InlineData("4111111111111111D3012101", "4111111111111111", "3012")]
    public void TryParseTrack2_Valid_ReturnsPanAndExpiry(string track2, string pan, string expiry)
    {
        Assert.True(CardNumbers.TryParseTrack2(track2, out var parsedPan, out var parsedExpiry));
        Assert.Equal(pan, parsedPan);
        Assert.Equal(expiry, parsedExpiry);
    }

    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("4111111111111111=301")]
    [InlineData("4111111111111111=3012101123456789012345")]
    [InlineData(";4111111111111111=3012101?")]
    public void TryParseTrack2_Malformed_False(string track2) => Assert.False(CardNumbers.TryParseTrack2(track2, out _, out _));

    [Fact]
    public void IsExpired_ValidThroughEndOfMonth()
    {
        Assert.False(CardNumbers.IsExpired("2611", new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.Zero)));
        Assert.True(CardNumbers.IsExpired("2611", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("9F02060000000010009F2701", false)]
    [InlineData("9F0206000000001000", true)]
    [InlineData("9F02", false)]
    [InlineData("XYZ1", false)]
    public void Emv_TlvValidated(string hex, bool valid) =>
        Assert.Equal(valid, CardAuthorizationRequestValidator.BeValidTlv(hex));

    [Fact]
    public void StanAllocator_SkipsOutstanding_AndWraps()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(999_996));
        var outstanding = new HashSet<MatchKey> { new(20, "TERM0001", 999_999) };
        var stans = new StanAllocator(clock, outstanding.Contains);

        var allocated = Enumerable.Range(0, 4).Select(_ => stans.Next("TERM0001")).ToArray();

        Assert.Equal([999_998, 1, 2, 3], allocated);
    }
}
