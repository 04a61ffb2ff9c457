using FluentValidation;
using Gpos.Cards.Authorize;

namespace Gpos.Cards.CompletePreauthorization;

/// <summary>Completes (captures) an approved pre-authorization with <paramref name="Amount"/> minor units, at most the authorized amount.</summary>
internal sealed record CompletionRequest(long Amount);

internal sealed class CompletionRequestValidator : AbstractValidator<CompletionRequest>
{
    public CompletionRequestValidator() =>
        RuleFor(r => r.Amount).GreaterThan(0).LessThanOrEqualTo(CardAuthorizationRequestValidator.MaxAmount)
            .WithMessage("Amount must be between 1 and 999999999999 minor units (DE4 n12).");
}
