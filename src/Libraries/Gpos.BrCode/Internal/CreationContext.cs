namespace Gpos.BrCode.Internal;

/// <summary>Collects normalisation notes and request errors while a code is being created.</summary>
internal sealed class CreationContext
{
    private static readonly string[] Schemes = ["https://", "http://"];
    private readonly List<BrCodeNormalization> _notes = [];
    private readonly List<BrCodeViolation> _errors = [];

    public bool HasErrors => _errors.Count > 0;

    public string Fold(string text, BrCodeTag tag, bool upperCase, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = TextNormalizer.Fold(text, upperCase, maxLength, out var changes);
        if (changes != BrCodeNormalizationKind.None)
        {
            _notes.Add(new BrCodeNormalization(tag, text, folded, changes));
        }

        return folded;
    }

    public string StripScheme(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        foreach (var scheme in Schemes)
        {
            if (url.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                var stripped = url[scheme.Length..];
                _notes.Add(new BrCodeNormalization(new BrCodeTag(Tags.PixAccount, Tags.AccountUrl), url, stripped, BrCodeNormalizationKind.SchemeRemoved));
                return stripped;
            }
        }

        return url;
    }

    /// <summary>Optional text: when present, 1..max printable ASCII.</summary>
    public void Text(string? value, BrCodeTag tag, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        Require(value.Length > 0 && !value.AsSpan().ContainsAnyExcept(CharSets.Printable), tag, BrCodeViolationReason.InvalidValue);
        Require(value.Length <= maxLength, tag, BrCodeViolationReason.ValueTooLong);
    }

    public void Fss(string? fss)
    {
        if (fss is not null)
        {
            Require(fss.Length == Tags.FssLength && !fss.AsSpan().ContainsAnyExcept(CharSets.Printable), new BrCodeTag(Tags.PixAccount, Tags.AccountFss), BrCodeViolationReason.InvalidValue);
        }
    }

    public void TxId(string? txid)
    {
        if (txid is not null)
        {
            var ok = txid.Length is > 0 and <= Tags.MaxTxIdLength && txid.All(char.IsAsciiLetterOrDigit);
            Require(ok, new BrCodeTag(Tags.AdditionalData, Tags.AdditionalReferenceLabel), BrCodeViolationReason.InvalidTxId);
        }
    }

    public void Amount(long? centavos)
    {
        if (centavos is { } value)
        {
            Require(value is > 0 and <= AmountText.MaxCentavos, new BrCodeTag(Tags.TransactionAmount), BrCodeViolationReason.InvalidAmount);
        }
    }

    public void Require(bool condition, BrCodeTag tag, BrCodeViolationReason reason)
    {
        if (!condition)
        {
            _errors.Add(new BrCodeViolation(tag, -1, reason, BrCodeSeverity.Error));
        }
    }

    public BrCodeCreateResult Failure(IReadOnlyList<BrCodeViolation>? errors = null) =>
        new(null, _notes, errors ?? _errors);

    public BrCodeCreateResult Success(BrCode code) => new(code, _notes, []);
}
