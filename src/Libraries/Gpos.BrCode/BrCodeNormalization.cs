namespace Gpos.BrCode;

/// <summary>A change made to a caller's value so that it fits the BR Code rules.</summary>
/// <param name="Tag">The field changed, e.g. <c>59</c> (merchant name).</param>
/// <param name="Original">The value as given.</param>
/// <param name="Normalized">The value as encoded.</param>
/// <param name="Changes">What was changed.</param>
public sealed record BrCodeNormalization(BrCodeTag Tag, string Original, string Normalized, BrCodeNormalizationKind Changes);
