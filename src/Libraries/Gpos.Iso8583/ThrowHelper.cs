using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Gpos.Iso8583;

/// <summary>Cold throw helpers, kept out of line so hot paths stay small (the Utf8JsonReader pattern).</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(Iso8583Error error) => throw new Iso8583Exception(error);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(Iso8583ErrorKind kind, Field field, int offset) =>
        throw new Iso8583Exception(new Iso8583Error(kind, (int)field, offset));

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowDestinationTooSmall(string paramName) =>
        throw new ArgumentException("Destination is too small.", paramName);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowWrongType(Field field, string expected) =>
        throw new InvalidOperationException($"Field {(int)field} is not {expected} in this spec.");
}
