using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Gpos.BrCode.Tests;

/// <summary>
/// Random and mutated inputs through TryParse/Validate/View: no exception may escape, the allocation-free and
/// the collecting paths must agree, and anything accepted must re-encode to a code that is accepted again.
/// CI size by default; set GPOS_FUZZ_ITERATIONS (e.g. 1000000) for the full run and GPOS_FUZZ_SEED to replay.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int DefaultIterations = 50_000;

    private static readonly string[] Corpus =
    [
        Payloads.V1,
        Payloads.V4,
        "00020101021226850014br.gov.bcb.pix2563exemplodeurl.com.br/pix/v2/11111111-1111-1111-1111-11111111111152040000530398654040.015802BR5925TESTE DE TESTE DO TESTEIE6014RIO DE JANEIRO62070503***6304CD52",
        "00020126580014BR.GOV.BCB.PIX013611111111-1111-1111-1111-11111111111152040000530398654040.015802BR5925Teste do Teste do TesteIE6009SAO PAULO61081111111162160512NUgpnvaS87Ts6304760E",
        "00020126510014br.gov.bcb.pix0115thalesog@me.com0210Pedido 123520400005303986540510.005802BR5914Thales Ogliari6002SC62070503***6304E5AB",
        "00020126490014BR.GOV.BCB.PIX0111111111111110212Vacina covid520400005303986540310.5802BR5904CARL6010SAN.FIERRO62100506b4b4c463049878",
        Payloads.WithCrc("00020104141234567890123426580014BR.GOV.BCB.PIX0136123e4567-e12b-12d1-a456-42665544000027300012BR.COM.OUTRO011001234567895204000053039865406123.455802BR5915NOMEDORECEBEDOR6008BRASILIA61087007490062530515RP123456789201950300017BR.GOV.BCB.PIX12301051.0.080450014BR.GOV.BCB.PIX0123PADRAO.URL.PIX/0123ABCD81390012BR.COM.OUTRO01190123.ABCD.3456.WXYZ"),
        "00020126700014br.gov.bcb.pix0136403f6c37-bb1d-48aa-a61c-0f6a205764d80208[Pix.ae]5204000053039865802BR5903Pix6003Pix63040000",
    ];

    [Fact]
    public void TryParse_RandomAndMutatedInputs_NeverThrows()
    {
        var iterations = ReadInt("GPOS_FUZZ_ITERATIONS", DefaultIterations);
        var seed = ReadInt("GPOS_FUZZ_SEED", 20261122);
        var random = new Random(seed);
        var valid = 0;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            var input = Next(random);
            try
            {
                valid += Check(input) ? 1 : 0;
            }
            catch (Exception ex)
            {
                Assert.Fail($"iteration {i} (seed {seed}) threw {ex.GetType().Name} for input \"{input}\": {ex}");
            }
        }

        output.WriteLine($"fuzz: {iterations} inputs, seed {seed}, {valid} accepted, {stopwatch.Elapsed.TotalSeconds:F1} s");
    }

    private static bool Check(string input)
    {
        var strict = BrCode.TryParse(input);
        var lenient = BrCode.TryParse(input, BrCodeParseOptions.Tolerant);
        var validation = BrCode.Validate(input);
        var view = BrCodeView.Read(input, BrCodeParseOptions.Tolerant);
        var bytes = BrCode.TryParse(Encoding.UTF8.GetBytes(input));
        Assert.Equal(strict.IsValid, validation.IsValid);
        Assert.Equal(strict.Errors.Count(), validation.ErrorCount);
        Assert.Equal(lenient.IsValid, view.IsValid);
        Assert.Equal(strict.IsValid, bytes.IsValid);
        Assert.True(!strict.IsValid || lenient.IsValid, "strict accepted what lenient rejected");
        Assert.All(strict.Violations, v => Assert.InRange(v.Offset, -1, Math.Max(input.Length, 512)));
        if (lenient.Code is { } code)
        {
            // Whatever we accept, we can re-encode, and the result is accepted again (lenient) with the same model.
            var again = BrCode.TryParse(code.Encode(), BrCodeParseOptions.Tolerant);
            Assert.True(again.IsValid, string.Join(" | ", again.Violations));
            Assert.Equal(code.Amount, again.Code!.Amount);
            Assert.Equal(code.Key, again.Code.Key);
            Assert.Equal(code.Url, again.Code.Url);
        }

        return strict.IsValid;
    }

    private static string Next(Random random)
    {
        var roll = random.Next(100);
        if (roll < 5)
        {
            return RandomString(random, random.Next(0, 600));
        }

        var text = Corpus[random.Next(Corpus.Length)];
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations; m++)
        {
            text = Mutate(random, text);
        }

        // Half the time fix the CRC so that the mutation, not the CRC, is what the decoder meets.
        return roll < 55 && text.Length >= 8 ? Payloads.Recrc(text) : text;
    }

    private static string Mutate(Random random, string text)
    {
        if (text.Length == 0)
        {
            return RandomString(random, 10);
        }

        var at = random.Next(text.Length);
        return random.Next(9) switch
        {
            0 => text.Remove(at, 1).Insert(at, RandomChar(random).ToString()),
            1 => text.Insert(at, RandomChar(random).ToString()),
            2 => text.Remove(at, 1),
            3 => text[..at],
            4 => text.Insert(at, text.Substring(at, Math.Min(random.Next(1, 20), text.Length - at))),
            5 => text.Remove(at, 1).Insert(at, ((char)('0' + random.Next(10))).ToString()),
            6 => SwapLengthDigits(random, text),
            7 => text[..at] + Corpus[random.Next(Corpus.Length)][Math.Min(at, 100)..],
            _ => text.Remove(at, Math.Min(random.Next(1, 30), text.Length - at)),
        };
    }

    private static string SwapLengthDigits(Random random, string text)
    {
        // Find a TLV header position (every 2-digit pair is a candidate) and rewrite its length digits.
        var at = random.Next(Math.Max(1, text.Length - 4));
        var chars = text.ToCharArray();
        if (at + 3 < chars.Length)
        {
            chars[at + 2] = (char)('0' + random.Next(10));
            chars[at + 3] = (char)('0' + random.Next(10));
        }

        return new string(chars);
    }

    private static char RandomChar(Random random) => random.Next(20) switch
    {
        0 => (char)random.Next(0, 0x20),
        1 => (char)random.Next(0x80, 0x800),
        2 => (char)random.Next(0xD800, 0xE000),
        _ => (char)random.Next(0x20, 0x7F),
    };

    private static string RandomString(Random random, int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(3) == 0 ? (char)('0' + random.Next(10)) : RandomChar(random));
        }

        return builder.ToString();
    }

    private static int ReadInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
