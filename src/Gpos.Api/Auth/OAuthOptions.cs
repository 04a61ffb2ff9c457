using System.ComponentModel.DataAnnotations;

namespace Gpos.Api.Auth;

/// <summary>
/// OAuth2 access tokens for API Pix clients (section <c>Gpos:OAuth</c>, docs/adr/0010-oauth-tokens.md). Tokens are JWTs
/// signed with HMAC-SHA256 under <see cref="SigningKey"/>; every GPOS instance needs the same key.
/// </summary>
public sealed class OAuthOptions : IValidatableObject
{
    public const string Section = "Gpos:OAuth";

    /// <summary>
    /// Base64 HMAC key, at least 32 bytes, from the environment or a secret store. Empty: a random key per process
    /// (development and tests: tokens then die with the process and do not cross instances).
    /// </summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Lifetime of an access token (<c>expires_in</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The <c>iss</c> (and <c>aud</c>) of GPOS's tokens.</summary>
    [Required]
    public string Issuer { get; set; } = "urn:gpos:api-pix";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SigningKey.Length == 0)
        {
            yield break;
        }

        byte[]? key = null;
        try
        {
            key = Convert.FromBase64String(SigningKey);
        }
        catch (FormatException)
        {
            // reported below
        }

        if (key is not { Length: >= 32 })
        {
            yield return new ValidationResult("SigningKey must be base64 of at least 32 bytes.", [nameof(SigningKey)]);
        }
    }
}
