using System.Globalization;
using System.Text;

namespace Gpos.Iso8583;

/// <summary>
/// Renders a message for logs (PCI DSS 4.0.1 Req. 3.4.1 and 3.3.1; iso8583.md §8): DE2 as BIN (first 6) + last 4,
/// e.g. <c>411111******1111</c>; DE35, DE45, DE52, DE55 and every field the spec marks sensitive as their length only.
/// The full PAN is never materialized as a string. Control characters in text fields are replaced by '.'.
/// </summary>
public static class SafeMessageFormatter
{
    /// <summary>Renders the message, e.g. <c>0200 DE2=411111******1111 DE3=003000 DE35=[hidden 37]</c>.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The safe text.</returns>
    public static string Format(Iso8583Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder(256);
        text.Append(message.Mti.ToString());
        Span<char> chars = stackalloc char[2 * 999];
        for (int f = message.NextField(2); f != 0; f = message.NextField(f + 1))
        {
            var field = (Field)f;
            var definition = message.Spec.GetDefinition(field)!;
            text.Append(CultureInfo.InvariantCulture, $" DE{f}=");
            int units = message.UnitsOf(field);
            if (field == Field.Pan2)
            {
                int count = WireCodec.DecodeToChars(definition, message.RawSpan(field), units, chars);
                var pan = chars[..count];
                MaskPan(pan);
                text.Append(pan);
                pan.Clear();
            }
            else if (IsHidden(definition))
            {
                text.Append(CultureInfo.InvariantCulture, $"[hidden {units}]");
            }
            else
            {
                int count = WireCodec.DecodeToChars(definition, message.RawSpan(field), units, chars);
                var value = chars[..count];
                if (definition.IsText && definition.LengthKind == LengthKind.Fixed)
                {
                    value = value.TrimEnd(' ');
                }

                foreach (char c in value)
                {
                    text.Append(c is < ' ' or >= (char)0x7F ? '.' : c);
                }
            }
        }

        return text.ToString();
    }

    /// <summary>Masks a PAN in place to BIN (first 6) + last 4; PANs shorter than 11 digits are fully masked.</summary>
    /// <param name="pan">The PAN characters.</param>
    public static void MaskPan(Span<char> pan)
    {
        if (pan.Length < 11)
        {
            pan.Fill('*');
            return;
        }

        pan[6..^4].Fill('*');
    }

    /// <summary>Returns a PAN masked to BIN (first 6) + last 4, e.g. <c>411111******1111</c>.</summary>
    /// <param name="pan">The PAN.</param>
    /// <returns>The masked PAN.</returns>
    public static string MaskPan(ReadOnlySpan<char> pan)
    {
        Span<char> copy = pan.Length <= 64 ? stackalloc char[pan.Length] : new char[pan.Length];
        pan.CopyTo(copy);
        MaskPan(copy);
        return new string(copy);
    }

    private static bool IsHidden(FieldDefinition definition) =>
        definition.IsSensitive
        || definition.Field is Field.Track2_35 or Field.Track1_45 or Field.PinBlock52 or Field.Icc55;
}
