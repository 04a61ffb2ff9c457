using System.Diagnostics.CodeAnalysis;

namespace Gpos.Iso8583;

/// <summary>
/// A message type indicator: four decimal digits (version, class, function, origin), e.g. 0200.
/// </summary>
public readonly struct Mti : IEquatable<Mti>
{
    private readonly ushort _value;

    /// <summary>Creates an MTI from its decimal value: <c>new Mti(200)</c> is 0200.</summary>
    /// <param name="value">0..9999.</param>
    public Mti(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 9999);
        _value = (ushort)value;
    }

    /// <summary>0100 authorization request.</summary>
    public static Mti AuthorizationRequest => new(100);

    /// <summary>0110 authorization response.</summary>
    public static Mti AuthorizationResponse => new(110);

    /// <summary>0200 financial request (POS purchase with capture).</summary>
    public static Mti FinancialRequest => new(200);

    /// <summary>0210 financial response.</summary>
    public static Mti FinancialResponse => new(210);

    /// <summary>0400 reversal request.</summary>
    public static Mti ReversalRequest => new(400);

    /// <summary>0401 reversal request repeat.</summary>
    public static Mti ReversalRequestRepeat => new(401);

    /// <summary>0410 reversal response.</summary>
    public static Mti ReversalResponse => new(410);

    /// <summary>0420 reversal advice.</summary>
    public static Mti ReversalAdvice => new(420);

    /// <summary>0421 reversal advice repeat.</summary>
    public static Mti ReversalAdviceRepeat => new(421);

    /// <summary>0430 reversal advice response.</summary>
    public static Mti ReversalAdviceResponse => new(430);

    /// <summary>0800 network management request (DE70 001 sign-on, 002 sign-off, 301 echo).</summary>
    public static Mti NetworkManagementRequest => new(800);

    /// <summary>0810 network management response.</summary>
    public static Mti NetworkManagementResponse => new(810);

    /// <summary>The decimal value (0200 is 200).</summary>
    public int Value => _value;

    /// <summary>Digit 1: version (0 = 1987).</summary>
    public int Version => _value / 1000;

    /// <summary>Digit 2: class (1 authorization, 2 financial, 4 reversal, 8 network management).</summary>
    public int MessageClass => _value / 100 % 10;

    /// <summary>Digit 3: function (0 request, 1 request response, 2 advice, 3 advice response).</summary>
    public int Function => _value / 10 % 10;

    /// <summary>Digit 4: origin (0 acquirer, 1 acquirer repeat, 2 issuer, 3 issuer repeat).</summary>
    public int Origin => _value % 10;

    /// <summary>True for responses (odd function digit).</summary>
    public bool IsResponse => Function % 2 == 1;

    /// <summary>True for repeats (odd origin digit).</summary>
    public bool IsRepeat => Origin % 2 == 1;

    /// <summary>
    /// The jPOS QMUX matching group: the first three digits with the function mapped 0/1→0, 2/3→2, 4/5→4
    /// (QMUX default mapping <c>0123456789 0123456789 0022446789</c>), so 0200, 0210 and 0201 share group 020.
    /// </summary>
    public int MatchingGroup
    {
        get
        {
            int function = Function;
            int mapped = function <= 5 ? function & ~1 : function;
            return (Version * 100) + (MessageClass * 10) + mapped;
        }
    }

    /// <summary>Equality.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(Mti left, Mti right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(Mti left, Mti right) => !left.Equals(right);

    /// <summary>Parses four decimal digits.</summary>
    /// <param name="text">e.g. "0200".</param>
    /// <returns>The MTI.</returns>
    /// <exception cref="FormatException">Not four digits.</exception>
    public static Mti Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var mti) ? mti : throw new FormatException("An MTI is four decimal digits.");

    /// <summary>Tries to parse four decimal digits.</summary>
    /// <param name="text">e.g. "0200".</param>
    /// <param name="mti">The MTI.</param>
    /// <returns>False when the text is not four digits.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out Mti mti)
    {
        mti = default;
        if (text.Length != 4)
        {
            return false;
        }

        int value = 0;
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        mti = new Mti(value);
        return true;
    }

    /// <summary>
    /// The response MTI, as jPOS <c>ISOMsg.setResponseMTI()</c>: function + 1, origin normalized (0/1→0, 2/3→2, 4/5→4).
    /// 0100→0110, 0200→0210, 0401→0410, 0421→0430, 0800→0810.
    /// </summary>
    /// <returns>The response MTI.</returns>
    /// <exception cref="InvalidOperationException">This MTI is already a response.</exception>
    public Mti ToResponse()
    {
        if (IsResponse)
        {
            throw new InvalidOperationException($"MTI {this} is a response; it has no response MTI.");
        }

        int origin = Origin <= 5 ? Origin & ~1 : Origin;
        return new Mti((Version * 1000) + (MessageClass * 100) + ((Function + 1) * 10) + origin);
    }

    /// <summary>
    /// The repeat MTI: origin 0→1 (acquirer repeat) or 2→3 (issuer repeat); already-repeat MTIs are returned unchanged.
    /// 0400→0401, 0420→0421 (jPOS <c>setRetransmissionMTI()</c> for acquirer-originated messages).
    /// </summary>
    /// <returns>The repeat MTI.</returns>
    public Mti ToRepeat() => IsRepeat ? this : new Mti(_value + 1);

    /// <inheritdoc />
    public bool Equals(Mti other) => _value == other._value;

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is Mti other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value;

    /// <summary>The four digits, e.g. "0200".</summary>
    /// <returns>The MTI text.</returns>
    public override string ToString() => string.Create(4, _value, static (span, value) =>
    {
        for (int i = 3; i >= 0; i--)
        {
            span[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    });

    internal void WriteAscii(Span<byte> destination)
    {
        int value = _value;
        for (int i = 3; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
