using static Gpos.Iso8583.Tests.TestMessages;

namespace Gpos.Iso8583.Tests;

/// <summary>The value store lives inline in the message up to 512 bytes and moves to the heap beyond.</summary>
public sealed class InlineStoreTests
{
    [Fact]
    public void Unpack_TypicalAndShortMessages_AllocateTheSameBytes()
    {
        // The store is inline, so what unpack allocates cannot depend on the frame's length: only the message object.
        byte[] typical = Financial0200().Pack();
        byte[] small = new Iso8583Message(Mti.NetworkManagementRequest) { Stan11 = 1, NetworkMgmtCode70 = "301" }.Pack();
        Assert.True(typical.Length > 250, $"typical 0200 is {typical.Length} bytes");

        long smallBytes = AllocatedByUnpack(small);
        long typicalBytes = AllocatedByUnpack(typical);

        Assert.Equal(smallBytes, typicalBytes);
    }

    [Fact]
    public void Unpack_MessageLargerThanInlineStore_RoundTrips()
    {
        var message = Financial0200();
        byte[] icc = Convert.FromHexString(IccHex + IccHex + IccHex + IccHex); // 240 bytes of valid BER-TLV
        message.SetIcc55(icc);
        message.AdditionalDataPrivate48 = new string('A', 300);

        byte[] packed = message.Pack();
        var unpacked = Iso8583Message.Unpack(packed);

        Assert.True(packed.Length > 512);
        Assert.Equal(icc, unpacked.GetIcc55());
        Assert.Equal(new string('A', 300), unpacked.AdditionalDataPrivate48);
        Assert.Equal(Pan, unpacked.Pan2);
        Assert.Equal(packed, unpacked.Pack());
    }

    [Fact]
    public void Setters_GrowingPastInlineStore_KeepEveryValue()
    {
        var message = Financial0200();
        for (int i = 0; i < 20; i++)
        {
            // Each replacement reserves new space; the store compacts and moves to the heap when it runs out.
            message.AdditionalDataPrivate48 = new string((char)('A' + i), 250);
        }

        Assert.Equal(new string('T', 250), message.AdditionalDataPrivate48);
        Assert.Equal(Track2, message.Track2_35);
        Assert.Equal(Icc, message.GetIcc55());
        Assert.Equal(message.Pack(), Iso8583Message.Unpack(message.Pack()).Pack());
    }

    private static long AllocatedByUnpack(byte[] frame)
    {
        Iso8583Message.Unpack(frame); // warm up: JIT and static spec tables
        long before = GC.GetAllocatedBytesForCurrentThread();
        var message = Iso8583Message.Unpack(frame);
        long after = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(message);
        return after - before;
    }
}
