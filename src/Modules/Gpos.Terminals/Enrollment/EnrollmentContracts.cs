using FluentValidation;

namespace Gpos.Terminals.Enrollment;

/// <summary>A terminal asks for its first certificate (bootstrap port, no client certificate yet).</summary>
internal sealed record EnrollRequest(string SerialNumber, string ActivationCode, string Csr, string? AttestationCertificate = null);

/// <summary>The certificate GPOS issued, the chain to install, and when to renew.</summary>
internal sealed record CertificateResponse(string TerminalId, string MerchantId, string SerialNumber, string Certificate,
    string Chain, DateTimeOffset NotBefore, DateTimeOffset NotAfter, DateTimeOffset RenewAfter);

internal sealed class EnrollRequestValidator : AbstractValidator<EnrollRequest>
{
    public EnrollRequestValidator()
    {
        RuleFor(r => r.SerialNumber).NotEmpty().Matches("^[A-Za-z0-9._-]{4,64}$");
        RuleFor(r => r.ActivationCode).NotEmpty().MaximumLength(32);
        RuleFor(r => r.Csr).NotEmpty().MaximumLength(8192);
        RuleFor(r => r.AttestationCertificate).MaximumLength(8192);
    }
}
