using FluentValidation;
using Gpos.Cards.CardData;
using Gpos.Iso8583;

namespace Gpos.Cards.Authorize;

/// <summary>
/// A sale (0200) or pre-authorization (0100) as a terminal sends it. Card data is either <paramref name="Pan"/> with
/// <paramref name="Expiry"/> (YYMM) or <paramref name="Track2"/>; <paramref name="Emv"/> is DE55 BER-TLV as hex and
/// <paramref name="PinBlock"/> the 8-byte encrypted PIN block as 16 hex characters. None of them is stored or logged.
/// </summary>
internal sealed record CardAuthorizationRequest(
    long Amount,
    string Currency,
    string? Pan,
    string? Expiry,
    string? Track2,
    string? Emv,
    string? PinBlock,
    string? EntryMode,
    int? Installments);

internal sealed class CardAuthorizationRequestValidator : AbstractValidator<CardAuthorizationRequest>
{
    /// <summary>DE4 is n12: at most 999 999 999 999 minor units.</summary>
    public const long MaxAmount = 999_999_999_999;

    /// <summary>BRL, ISO 4217 numeric (DE49).</summary>
    public const string Brl = "986";

    public CardAuthorizationRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.Amount).GreaterThan(0).LessThanOrEqualTo(MaxAmount)
            .WithMessage("Amount must be between 1 and 999999999999 minor units (DE4 n12).");
        RuleFor(r => r.Currency).Equal(Brl).WithMessage("Only BRL (986) is supported.");
        RuleFor(r => r).Must(r => (r.Track2 is null) != (r.Pan is null))
            .OverridePropertyName("card").WithMessage("Send either pan with expiry, or track2.");
        When(r => r.Track2 is null && r.Pan is not null, () =>
        {
            RuleFor(r => r.Pan).Must(CardNumbers.IsValidPan).WithMessage("PAN must be 13-19 digits with a valid Luhn check digit.");
            RuleFor(r => r.Expiry).Must(CardNumbers.IsExpiryFormat).WithMessage("Expiry must be YYMM.")
                .DependentRules(() => RuleFor(r => r.Expiry)
                    .Must(e => !CardNumbers.IsExpired(e!, clock.GetUtcNow())).WithMessage("The card has expired."));
        });
        When(r => r.Track2 is not null, () =>
        {
            RuleFor(r => r.Track2).Must(t => CardNumbers.TryParseTrack2(t, out _, out _))
                .WithMessage("Track 2 must be PAN, '=' or 'D', YYMM, service code and discretionary data (at most 37).")
                .DependentRules(() =>
                {
                    RuleFor(r => r.Track2).Must(t => CardNumbers.TryParseTrack2(t, out var pan, out _) && CardNumbers.IsValidPan(pan))
                        .WithMessage("The PAN in track 2 fails the Luhn check.");
                    RuleFor(r => r.Track2).Must(t => CardNumbers.TryParseTrack2(t, out _, out var expiry) &&
                            CardNumbers.IsExpiryFormat(expiry) && !CardNumbers.IsExpired(expiry, clock.GetUtcNow()))
                        .WithMessage("The card in track 2 has expired.");
                });
            RuleFor(r => r.Expiry).Null().WithMessage("Expiry comes from track 2; do not send both.");
        });
        RuleFor(r => r.Emv).Must(BeValidTlv!).When(r => r.Emv is not null)
            .WithMessage("EMV data must be hex BER-TLV of at most 499 bytes (DE55).");
        RuleFor(r => r.PinBlock).Matches("^[0-9A-Fa-f]{16}$").When(r => r.PinBlock is not null)
            .WithMessage("PIN block must be 16 hex characters (DE52, 8 bytes).");
        RuleFor(r => r.EntryMode).Matches("^[0-9]{3}$").When(r => r.EntryMode is not null)
            .WithMessage("Entry mode must be 3 digits (DE22).");
        RuleFor(r => r.Installments).InclusiveBetween(1, 99).When(r => r.Installments is not null);
    }

    internal static bool BeValidTlv(string hex)
    {
        if (hex.Length == 0 || hex.Length % 2 != 0 || hex.Length > 998)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return false;
        }

        try
        {
            return TlvReader.Validate(bytes, out _);
        }
        finally
        {
            Array.Clear(bytes);
        }
    }
}
