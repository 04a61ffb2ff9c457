using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace Gpos.Iso8583.Benchmarks;

/// <summary>
/// Pack and unpack of the typical POS 0200 of issue 4: DE 2,3,4,7,11,12,13,22,35,37,41,42,49 and a 60-byte DE55,
/// ISO 8583:1987 ASCII (jPOS ISO87APackager layout). Unpack should allocate only the message and its one copy of the frame.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private const string IccHex =
        "9F0206000000001000" + "9F26081122334455667788" + "82025C00" + "95050000008000" + "9F36020001"
        + "5F2A020986" + "9A03261122" + "9C0100" + "9F370411223344" + "9F10010A";

    private readonly ArrayBufferWriter<byte> _writer = new(1024);
    private Iso8583Message _message = null!;
    private byte[] _packed = [];

    [GlobalSetup]
    public void Setup()
    {
        _message = new Iso8583Message(Mti.FinancialRequest, IsoMessageSpec.Iso87Ascii)
        {
            Pan2 = "4111111111111111",
            ProcessingCode3 = "003000",
            AmountTransaction4 = 1000,
            TransmissionDateTime7 = "1122103000",
            Stan11 = 123,
            LocalTime12 = "073000",
            LocalDate13 = "1122",
            PosEntryMode22 = "051",
            Track2_35 = "4111111111111111=2812201123456789012",
            Rrn37 = "000000000123",
            TerminalId41 = "TERM0001",
            MerchantId42 = "MERCHANT000001",
            Currency49 = "986",
        };
        _message.SetIcc55(Convert.FromHexString(IccHex));
        _packed = _message.Pack();
    }

    [Benchmark]
    public int Pack0200()
    {
        _writer.ResetWrittenCount();
        _message.Pack(_writer);
        return _writer.WrittenCount;
    }

    [Benchmark]
    public Iso8583Message Unpack0200() => Iso8583Message.Unpack(_packed, IsoMessageSpec.Iso87Ascii);

    [Benchmark]
    public int UnpackThenReadPanStanAmount()
    {
        var message = Iso8583Message.Unpack(_packed, IsoMessageSpec.Iso87Ascii);
        return message.GetLength(Field.Pan2) + (message.Stan11 ?? 0) + (int)(message.AmountTransaction4 ?? 0);
    }
}
