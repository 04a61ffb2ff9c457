namespace Gpos.BrCode.Tests;

internal static class ViolationAssert
{
    /// <summary>Asserts the input is rejected with an error of <paramref name="reason"/> at <paramref name="tag"/> (and offset when given).</summary>
    public static BrCodeViolation HasError(string input, BrCodeViolationReason reason, string tag, int? offset = null, BrCodeParseOptions options = default)
    {
        var result = BrCode.TryParse(input, options);
        Assert.False(result.IsValid, "expected the code to be rejected");
        Assert.Null(result.Code);
        var match = result.Errors.Where(v => v.Reason == reason && v.Tag.ToString() == tag).ToList();
        Assert.True(match.Count > 0, $"expected {reason} at {tag}; got: {string.Join(" | ", result.Violations)}");
        if (offset is { } expected)
        {
            Assert.Contains(match, v => v.Offset == expected);
        }

        // The allocation-free path must agree.
        var validation = BrCode.Validate(input, options);
        Assert.False(validation.IsValid);
        Assert.Equal(result.Errors.Count(), validation.ErrorCount);
        return match[0];
    }

    public static BrCodeParseResult IsValidWithWarning(string input, BrCodeViolationReason reason, string tag, BrCodeParseOptions options = default)
    {
        var result = BrCode.TryParse(input, options);
        Assert.True(result.IsValid, string.Join(" | ", result.Violations));
        Assert.Contains(result.Warnings, v => v.Reason == reason && v.Tag.ToString() == tag);
        return result;
    }
}
