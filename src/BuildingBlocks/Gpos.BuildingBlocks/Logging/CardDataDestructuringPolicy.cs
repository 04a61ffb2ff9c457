using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Serilog.Core;
using Serilog.Events;

namespace Gpos.BuildingBlocks.Logging;

/// <summary>
/// Destructures any object that has card-data properties (<c>Pan</c>, <c>Track2</c>, <c>PinBlock</c>, <c>Cvv</c>,
/// <c>Emv</c>…) so that the raw values never become log properties: the PAN becomes BIN + last 4, the rest is
/// dropped. Objects without such properties are left to Serilog's default destructuring.
/// </summary>
public sealed class CardDataDestructuringPolicy : IDestructuringPolicy
{
    private readonly ConcurrentDictionary<Type, PropertyInfo[]?> _sensitiveTypes = new();

    public bool TryDestructure(object value, ILogEventPropertyValueFactory propertyValueFactory,
        [NotNullWhen(true)] out LogEventPropertyValue? result)
    {
        result = null;
        var properties = _sensitiveTypes.GetOrAdd(value.GetType(), static type =>
        {
            var all = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)
                .ToArray();
            return all.Any(p => CardDataMasker.Classify(p.Name) != SensitiveKind.None) ? all : null;
        });
        if (properties is null)
        {
            return false;
        }

        var logProperties = new List<LogEventProperty>(properties.Length);
        foreach (var property in properties)
        {
            var raw = property.GetValue(value);
            LogEventPropertyValue propertyValue = CardDataMasker.Classify(property.Name) switch
            {
                SensitiveKind.Drop => new ScalarValue(CardDataMasker.Redacted),
                SensitiveKind.Pan => new ScalarValue(raw is string pan ? CardDataMasker.MaskPan(pan) : CardDataMasker.Redacted),
                _ => propertyValueFactory.CreatePropertyValue(raw, destructureObjects: true),
            };
            logProperties.Add(new LogEventProperty(property.Name, propertyValue));
        }

        result = new StructureValue(logProperties, value.GetType().Name);
        return true;
    }
}
