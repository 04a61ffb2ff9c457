namespace Gpos.BrCode;

/// <summary>The outcome of <see cref="BrCode.CreateStatic"/> or <see cref="BrCode.CreateDynamic"/>.</summary>
public sealed class BrCodeCreateResult
{
    internal BrCodeCreateResult(BrCode? code, IReadOnlyList<BrCodeNormalization> normalizations, IReadOnlyList<BrCodeViolation> errors)
    {
        Code = code;
        Normalizations = normalizations;
        Errors = errors;
    }

    /// <summary>True when <see cref="Code"/> was created.</summary>
    public bool IsSuccess => Code is not null;

    /// <summary>The created code, or null when <see cref="Errors"/> is not empty.</summary>
    public BrCode? Code { get; }

    /// <summary>What was changed in the caller's text (name, city, infoAdicional, url); empty when nothing was.</summary>
    public IReadOnlyList<BrCodeNormalization> Normalizations { get; }

    /// <summary>Why the request was rejected; offsets are -1 (they refer to no payload).</summary>
    public IReadOnlyList<BrCodeViolation> Errors { get; }
}
