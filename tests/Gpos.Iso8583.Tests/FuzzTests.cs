using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Gpos.Iso8583.Tests;

/// <summary>
/// Random and mutated frames through the frame reader, unpack, the getters and the safe formatter: only
/// <see cref="Iso8583Exception"/> may come out of <c>Unpack</c>, nothing out of <c>TryUnpack</c>. CI-sized by default;
/// set GPOS_FUZZ_ITERATIONS (e.g. 1000000) for a long run.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int DefaultIterations = 50_000;

    [Fact]
    public void Unpack_RandomAndMutatedFrames_NoExceptionEscapes()
    {
        int iterations = int.TryParse(Environment.GetEnvironmentVariable("GPOS_FUZZ_ITERATIONS"), CultureInfo.InvariantCulture, out int n)
            ? n
            : DefaultIterations;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("GPOS_FUZZ_SEED"), CultureInfo.InvariantCulture, out int s)
            ? s
            : 8583;
        var random = new Random(seed);
        byte[][] corpus = Corpus();
        var specs = new[] { IsoMessageSpec.Iso87Ascii, IsoMessageSpec.Iso87Binary };
        int accepted = 0;
        var clock = Stopwatch.StartNew();

        for (int i = 0; i < iterations; i++)
        {
            byte[] input = Mutate(random, corpus[random.Next(corpus.Length)]);
            foreach (var spec in specs)
            {
                if (Iso8583Message.TryUnpack(input, spec, out var message, out _))
                {
                    accepted++;
                    Exercise(message);
                }

                try
                {
                    Iso8583Message.Unpack(input, spec);
                }
                catch (Iso8583Exception)
                {
                    // The only exception Unpack may throw for bad input.
                }
            }

            ReadFrames(input);
            TlvReader.Validate(input, out _);
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"fuzz: {iterations} inputs x 2 specs, seed {seed}, {accepted} accepted, {clock.Elapsed.TotalSeconds:F1} s"));
    }

    private static void Exercise(Iso8583Message message)
    {
        foreach (var field in message.Fields)
        {
            _ = message.GetString(field);
            _ = message.TryGetInt64(field, out _);
            if (message.Spec.GetDefinition(field)!.Type == FieldType.Binary)
            {
                _ = message.GetBytes(field);
            }
        }

        _ = message.ToString();
        _ = message.TryGetMatchKey(out _);
        _ = message.TryGetOriginalData90(out _);
        byte[] repacked = message.Pack();
        Assert.True(Iso8583Message.TryUnpack(repacked, message.Spec, out _, out var error), error.Message);
        if (message.Has(Field.Icc55))
        {
            var reader = new TlvReader(message.GetIcc55());
            while (reader.Read())
            {
            }
        }
    }

    private static void ReadFrames(byte[] input)
    {
        var buffer = new ReadOnlySequence<byte>(input);
        var reader = new FrameReader(512);
        while (reader.TryReadFrame(ref buffer, out var frame) == OperationStatus.Done)
        {
            _ = Iso8583Message.TryUnpack(frame, null, out _, out _);
        }
    }

    private static byte[][] Corpus()
    {
        var withSecondary = TestMessages.Financial0200();
        withSecondary.NetworkMgmtCode70 = "301";
        withSecondary.SetOriginalData90(OriginalDataElements.FromRequest(withSecondary));
        withSecondary.SetString(Field.AmountTransactionFee28, "C00000100");
        withSecondary.SetPinBlock52([1, 2, 3, 4, 5, 6, 7, 8]);
        return
        [
            TestMessages.Ascii("01007000000000000000164242424242424242123456000000000100"),
            TestMessages.Ascii("0800822000000000000004000000000000000623085400000002301"),
            TestMessages.Financial0200().Pack(),
            withSecondary.Pack(),
            TestMessages.Financial0200(IsoMessageSpec.Iso87Binary).Pack(),
            FrameWriter.ToFrame(TestMessages.Financial0200()),
            TestMessages.Icc,
        ];
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        switch (random.Next(6))
        {
            case 0:
                byte[] noise = new byte[random.Next(0, 300)];
                random.NextBytes(noise);
                return noise;
            case 1:
                return seed[..random.Next(seed.Length + 1)];
            default:
                byte[] copy = [.. seed];
                int edits = random.Next(1, 5);
                for (int e = 0; e < edits && copy.Length > 0; e++)
                {
                    int at = random.Next(copy.Length);
                    copy[at] = random.Next(3) switch
                    {
                        0 => (byte)random.Next(256),
                        1 => (byte)('0' + random.Next(10)),
                        _ => (byte)(copy[at] ^ (1 << random.Next(8))),
                    };
                }

                if (random.Next(4) == 0)
                {
                    int at = random.Next(copy.Length + 1);
                    copy = [.. copy[..at], (byte)random.Next(256), .. copy[at..]];
                }

                return copy;
        }
    }
}
