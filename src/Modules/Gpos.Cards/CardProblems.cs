namespace Gpos.Cards;

/// <summary>Problem type URIs of the Cards module (RFC 9457), for outcomes a terminal handles by type.</summary>
internal static class CardProblems
{
    private const string TypePrefix = "https://gpos.dev/problems/cards/";

    /// <summary>A pre-authorization completion above the authorized amount (a new pre-authorization is needed).</summary>
    public const string CompletionExceedsAuthorization = TypePrefix + "completion-exceeds-authorization";
}
