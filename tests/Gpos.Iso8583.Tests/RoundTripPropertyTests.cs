using CsCheck;

namespace Gpos.Iso8583.Tests;

/// <summary>Pack/unpack round trips over random valid messages (CsCheck), for both shipped specs.</summary>
public sealed class RoundTripPropertyTests
{
    private static readonly Gen<char> Digit = Gen.Char['0', '9'];
    private static readonly Gen<char> Printable = Gen.Char[' ', '~'];

    public static TheoryData<string> Specs => new() { "ascii", "binary" };

    [Theory]
    [MemberData(nameof(Specs))]
    public void PackThenUnpack_RandomValidMessage_PreservesMtiAndEveryField(string specName)
    {
        var spec = specName == "ascii" ? IsoMessageSpec.Iso87Ascii : IsoMessageSpec.Iso87Binary;
        var fieldGen = Gen.Int[2, 128].SelectMany(n => ValueGen(spec.GetDefinition((Field)n)!).Select(v => (Field: (Field)n, Value: v)));

        Gen.Select(Gen.Int[0, 9999], fieldGen.Array[0, 30]).Sample(
            sample =>
            {
                var (mti, values) = sample;
                var message = new Iso8583Message(new Mti(mti), spec);
                var expected = new Dictionary<Field, FieldValue>();
                foreach (var (field, value) in values)
                {
                    value.Apply(message, field);
                    expected[field] = value;
                }

                byte[] packed = message.Pack();
                Assert.Equal(message.GetPackedLength(), packed.Length);

                Assert.True(Iso8583Message.TryUnpack(packed, spec, out var unpacked, out var error), error.Message);
                Assert.Equal(message.Mti, unpacked.Mti);
                Assert.Equal(expected.Keys.Order(), unpacked.Fields);
                foreach (var (field, value) in expected)
                {
                    value.AssertRead(unpacked, field, spec.GetDefinition(field)!);
                }

                Assert.Equal(packed, unpacked.Pack());
            },
            iter: 2_000);
    }

    private static Gen<FieldValue> ValueGen(FieldDefinition definition)
    {
        bool isFixed = definition.LengthKind == LengthKind.Fixed;
        int max = definition.MaxLength;
        return definition.Type switch
        {
            FieldType.Binary => (isFixed ? Gen.Byte.Array[max] : Gen.Byte.Array[0, max]).Select(b => new FieldValue(null, b)),
            FieldType.Numeric => Gen.String[Digit, isFixed ? 1 : 0, max].Select(s => new FieldValue(s, null)),
            FieldType.Track => Gen.String[Gen.Char["0123456789="], 0, max].Select(s => new FieldValue(s, null)),
            FieldType.SignedAmount => Gen.Select(Gen.Char["CD"], Gen.String[Digit, 1, max - 1])
                .Select((sign, digits) => new FieldValue(sign + digits, null)),
            _ => Gen.String[Printable, 0, max].Select(s => new FieldValue(s, null)),
        };
    }

    private sealed record FieldValue(string? Text, byte[]? Bytes)
    {
        public void Apply(Iso8583Message message, Field field)
        {
            if (Bytes is not null)
            {
                message.SetBytes(field, Bytes);
            }
            else
            {
                message.SetString(field, Text);
            }
        }

        public void AssertRead(Iso8583Message message, Field field, FieldDefinition definition)
        {
            if (Bytes is not null)
            {
                Assert.Equal(Bytes, message.GetBytes(field));
                return;
            }

            string expected = Text!;
            if (definition.LengthKind == LengthKind.Fixed)
            {
                expected = definition.Type switch
                {
                    FieldType.AlphaNumeric or FieldType.AlphaNumericSpecial => expected.TrimEnd(' '),
                    FieldType.SignedAmount => expected[0] + expected[1..].PadLeft(definition.MaxLength - 1, '0'),
                    _ => expected.PadLeft(definition.MaxLength, '0'),
                };
            }

            Assert.Equal(expected, message.GetString(field));
        }
    }
}
