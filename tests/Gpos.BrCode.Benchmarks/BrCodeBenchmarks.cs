using System.Text;
using BenchmarkDotNet.Attributes;

namespace Gpos.BrCode.Benchmarks;

/// <summary>
/// Encode and decode+validate of a typical static code (EVP key, amount, txid) and a typical dynamic code
/// (POS charge: payload url, POI 12, amount). Targets (issue 3): ≤ 300 ns encode, ≤ 500 ns decode+validate,
/// 0 B on the decode path. Min and Median are shown because the shared 2-core box is often busy with other builds.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class BrCodeBenchmarks
{
    private readonly char[] _buffer = new char[512];
    private BrCode _static = null!;
    private BrCode _dynamic = null!;
    private string _staticText = "";
    private string _dynamicText = "";
    private byte[] _staticUtf8 = [];

    [GlobalSetup]
    public void Setup()
    {
        _static = BrCode.CreateStatic(new StaticBrCodeRequest
        {
            Key = "123e4567-e12b-12d1-a456-426655440000",
            MerchantName = "PADARIA SAO JOAO",
            MerchantCity = "SAO PAULO",
            Amount = 1590,
            TxId = "PEDIDO12345",
        }).Code!;
        _dynamic = BrCode.CreateDynamic(new DynamicBrCodeRequest
        {
            Url = "pix.example-psp.com.br/qr/v2/cobv/9b95a87c10a84d65bcbf55a48a2e50c8",
            MerchantName = "PADARIA SAO JOAO",
            MerchantCity = "SAO PAULO",
            Amount = 4250,
        }).Code!;
        _staticText = _static.Encode();
        _dynamicText = _dynamic.Encode();
        _staticUtf8 = Encoding.ASCII.GetBytes(_staticText);
    }

    [Benchmark]
    public int Encode_Static_ToSpan()
    {
        _static.TryEncode(_buffer, out var written);
        return written;
    }

    [Benchmark]
    public int Encode_Dynamic_ToSpan()
    {
        _dynamic.TryEncode(_buffer, out var written);
        return written;
    }

    [Benchmark]
    public string Encode_Static_ToString() => _static.Encode();

    [Benchmark]
    public bool DecodeValidate_Static() => BrCode.Validate(_staticText).IsValid;

    [Benchmark]
    public bool DecodeValidate_Dynamic() => BrCode.Validate(_dynamicText).IsValid;

    [Benchmark]
    public bool DecodeValidate_Static_Utf8() => BrCode.Validate(_staticUtf8).IsValid;

    [Benchmark]
    public long? DecodeValidate_Static_View() => BrCodeView.Read(_staticText).Amount;

    /// <summary>The CRC alone, to see its share of encode and decode.</summary>
    [Benchmark]
    public ushort Crc_Static() => Internal.Crc16.Compute(_staticText);

    [Benchmark]
    public BrCode? Parse_Static_Model() => BrCode.TryParse(_staticText).Code;
}
