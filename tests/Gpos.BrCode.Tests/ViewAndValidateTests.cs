using System.Text;

namespace Gpos.BrCode.Tests;

public sealed class ViewAndValidateTests
{
    [Fact]
    public void Read_V1_ExposesFieldsAsSlices()
    {
        var view = BrCodeView.Read(Payloads.V1);

        Assert.True(view.IsValid);
        Assert.Equal(BrCodeKind.Static, view.Kind);
        Assert.Equal("123e4567-e12b-12d1-a456-426655440000", view.Key.ToString());
        Assert.True(view.Url.IsEmpty);
        Assert.Equal("Fulano de Tal", view.MerchantName.ToString());
        Assert.Equal("***", view.ReferenceLabel.ToString());
        Assert.Equal(BrCode.Parse(Payloads.V1).Encode(), view.ToBrCode().Encode());
    }

    [Fact]
    public void Read_Invalid_ToBrCodeThrowsInvalidOperation()
    {
        var ok = false;
        try
        {
            BrCodeView.Read(Payloads.V1.AsSpan()[..^1]).ToBrCode();
        }
        catch (InvalidOperationException)
        {
            ok = true;
        }

        Assert.True(ok);
    }

    [Fact]
    public void Validate_GoodCodes_AllocatesNothing()
    {
        var v1 = Payloads.V1;
        var v4 = Encoding.ASCII.GetBytes(Payloads.V4);
        var bad = Payloads.V1[..^4] + "0000";
        for (var i = 0; i < 100; i++)
        {
            _ = BrCode.Validate(v1);
            _ = BrCode.Validate(v4);
            _ = BrCode.Validate(bad);
            _ = BrCodeView.Read(v1).Amount;
        }

        // Assert after measuring: xunit's Assert methods allocate.
        var okCount = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            okCount += BrCode.Validate(v1).IsValid ? 1 : 0;
            okCount += BrCode.Validate(v4).IsValid ? 1 : 0;
            okCount += BrCode.Validate(bad).IsValid ? 0 : 1;
            okCount += BrCodeView.Read(v1).MerchantName.Length == 13 ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(4000, okCount);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Validate_FirstError_NamesTagAndOffset()
    {
        var validation = BrCode.Validate(Payloads.V1[..^4] + "0000");

        Assert.Equal(1, validation.ErrorCount);
        Assert.Equal(BrCodeViolationReason.CrcMismatch, validation.FirstError!.Value.Reason);
        Assert.Equal(129, validation.FirstError.Value.Offset);
    }
}
