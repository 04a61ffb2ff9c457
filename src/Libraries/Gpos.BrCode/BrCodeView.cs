using Gpos.BrCode.Internal;

namespace Gpos.BrCode;

/// <summary>
/// A decoded and validated BR Code that is only a view over the caller's text: every field is a
/// <see cref="ReadOnlySpan{T}"/> slice of the input, so reading one allocates nothing.
/// Call <see cref="ToBrCode"/> to materialise the immutable model when strings are needed.
/// </summary>
public readonly ref struct BrCodeView
{
    private readonly ReadOnlySpan<char> _input;
    private readonly BrCodeLayout _layout;

    private BrCodeView(ReadOnlySpan<char> input, scoped in BrCodeLayout layout, BrCodeValidation validation)
    {
        _input = input;
        _layout = layout;
        Validation = validation;
    }

    /// <summary>Errors, warnings and the first error.</summary>
    public BrCodeValidation Validation { get; }

    /// <summary>True when the code has no errors.</summary>
    public bool IsValid => Validation.IsValid;

    /// <summary>Static (key) or dynamic (url).</summary>
    public BrCodeKind Kind => _layout.Kind;

    /// <summary>Tag 54 in centavos, or null.</summary>
    public long? Amount => _layout.Amount.IsPresent && IsValid ? _layout.AmountCentavos : null;

    /// <summary>Tag 01 text (<c>11</c>/<c>12</c>), empty when absent.</summary>
    public ReadOnlySpan<char> PointOfInitiation => _layout.PointOfInitiation.Slice(_input);

    /// <summary>26-00.</summary>
    public ReadOnlySpan<char> Gui => _layout.Gui.Slice(_input);

    /// <summary>26-01, empty on a dynamic code.</summary>
    public ReadOnlySpan<char> Key => _layout.Key.Slice(_input);

    /// <summary>26-02.</summary>
    public ReadOnlySpan<char> AdditionalInfo => _layout.AdditionalInfo.Slice(_input);

    /// <summary>26-03.</summary>
    public ReadOnlySpan<char> Fss => _layout.Fss.Slice(_input);

    /// <summary>26-25, empty on a static code.</summary>
    public ReadOnlySpan<char> Url => _layout.Url.Slice(_input);

    /// <summary>Tag 52.</summary>
    public ReadOnlySpan<char> MerchantCategoryCode => _layout.MerchantCategoryCode.Slice(_input);

    /// <summary>Tag 59.</summary>
    public ReadOnlySpan<char> MerchantName => _layout.MerchantName.Slice(_input);

    /// <summary>Tag 60.</summary>
    public ReadOnlySpan<char> MerchantCity => _layout.MerchantCity.Slice(_input);

    /// <summary>Tag 61.</summary>
    public ReadOnlySpan<char> PostalCode => _layout.PostalCode.Slice(_input);

    /// <summary>62-05 as written (<c>***</c> or a txid).</summary>
    public ReadOnlySpan<char> ReferenceLabel => _layout.ReferenceLabel.Slice(_input);

    /// <summary>Tag 63 as decoded.</summary>
    public ushort Crc => _layout.CrcValue;

    /// <summary>Decodes and validates <paramref name="input"/> without allocating.</summary>
    /// <param name="input">The BR Code text; the view keeps referring to it.</param>
    /// <param name="options">Strict by default.</param>
    public static BrCodeView Read(ReadOnlySpan<char> input, BrCodeParseOptions options = default)
    {
        var sink = new ViolationSink(collect: false);
        BrCodeDecoder.Decode(input, options.Lenient, ref sink, out var layout);
        return new BrCodeView(input, layout, new BrCodeValidation(sink, layout.Kind));
    }

    /// <summary>Builds the immutable model (allocates its strings).</summary>
    /// <exception cref="InvalidOperationException">The code is not valid; use <see cref="BrCode.TryParse(ReadOnlySpan{char}, BrCodeParseOptions)"/> for the reasons.</exception>
    public BrCode ToBrCode() => IsValid
        ? BrCode.FromLayout(_input, _layout)
        : throw new InvalidOperationException("The BR Code is not valid: " + Validation.FirstError);
}
