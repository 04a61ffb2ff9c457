using Serilog.Core;
using Serilog.Events;

namespace Gpos.BuildingBlocks.Logging;

/// <summary>
/// The last line of defence before a log event reaches a sink: walks every property (scalars, structures,
/// sequences, dictionaries) and masks card data by property name and by content. Runs on every event, so it is
/// cheap when there is nothing to mask (no allocation for properties without a 13-digit run).
/// </summary>
public sealed class CardDataMaskingEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var masked = Mask(name, value);
            if (!ReferenceEquals(masked, value))
            {
                (changed ??= []).Add(new LogEventProperty(name, masked));
            }
        }

        if (changed is null)
        {
            return;
        }

        foreach (var property in changed)
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    internal static LogEventPropertyValue Mask(string name, LogEventPropertyValue value)
    {
        switch (CardDataMasker.Classify(name))
        {
            case SensitiveKind.Drop:
                return new ScalarValue(CardDataMasker.Redacted);
            case SensitiveKind.Pan:
                return value is ScalarValue { Value: string pan }
                    ? new ScalarValue(CardDataMasker.MaskPan(pan.Trim()))
                    : new ScalarValue(CardDataMasker.Redacted);
            default:
                return MaskContent(value);
        }
    }

    private static LogEventPropertyValue MaskContent(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text }:
                var masked = CardDataMasker.MaskText(text);
                return ReferenceEquals(masked, text) ? value : new ScalarValue(masked);
            case ScalarValue { Value: long or ulong or decimal } number when IsPanLike(number.Value!.ToString()!):
                return new ScalarValue(CardDataMasker.MaskText(number.Value!.ToString()!));
            case StructureValue structure:
                return MaskStructure(structure);
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(MaskContent).ToList();
                return elements.SequenceEqual(sequence.Elements) ? value : new SequenceValue(elements);
            case DictionaryValue dictionary:
                var pairs = dictionary.Elements
                    .Select(kv => new KeyValuePair<ScalarValue, LogEventPropertyValue>(kv.Key,
                        Mask(kv.Key.Value?.ToString() ?? "", kv.Value)))
                    .ToList();
                return pairs.Zip(dictionary.Elements).All(p => ReferenceEquals(p.First.Value, p.Second.Value))
                    ? value
                    : new DictionaryValue(pairs);
            default:
                return value;
        }
    }

    private static StructureValue MaskStructure(StructureValue structure)
    {
        var properties = structure.Properties.Select(p => new LogEventProperty(p.Name, Mask(p.Name, p.Value))).ToList();
        return properties.Zip(structure.Properties).All(p => ReferenceEquals(p.First.Value, p.Second.Value))
            ? structure
            : new StructureValue(properties, structure.TypeTag);
    }

    private static bool IsPanLike(string digits) => digits.Length is >= 13 and <= 19;
}
