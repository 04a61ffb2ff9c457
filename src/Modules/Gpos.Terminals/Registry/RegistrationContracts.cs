using FluentValidation;

namespace Gpos.Terminals.Registry;

/// <summary>Register a terminal. Ops name the merchant; a merchant registers its own terminals (merchantId ignored).</summary>
internal sealed record RegisterTerminalRequest(string SerialNumber, string Model, string? MerchantId = null, bool AttestationRequired = false);

/// <summary>The new terminal and its one-time activation code (shown once, never stored in clear).</summary>
internal sealed record RegisterTerminalResponse(string TerminalId, string SerialNumber, string Model, string MerchantId,
    string ActivationCode, DateTimeOffset ActivationCodeExpiresAt);

internal sealed record ActivationCodeResponse(string TerminalId, string ActivationCode, DateTimeOffset ExpiresAt);

internal sealed record IssuedCertificateView(string SerialNumber, DateTimeOffset NotBefore, DateTimeOffset NotAfter,
    DateTimeOffset IssuedAt, string AuthorisedBy, bool Revoked);

internal sealed record TerminalView(string TerminalId, string SerialNumber, string Model, string MerchantId,
    DateTimeOffset RegisteredAt, string RegisteredBy, string Status, IReadOnlyList<IssuedCertificateView> Certificates);

internal sealed class RegisterTerminalRequestValidator : AbstractValidator<RegisterTerminalRequest>
{
    public RegisterTerminalRequestValidator()
    {
        RuleFor(r => r.SerialNumber).NotEmpty().Matches("^[A-Za-z0-9._-]{4,64}$");
        RuleFor(r => r.Model).NotEmpty().MaximumLength(64);
        RuleFor(r => r.MerchantId).Matches("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$").When(r => r.MerchantId is not null);
    }
}
