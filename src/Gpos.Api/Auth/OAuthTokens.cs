using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Gpos.BuildingBlocks.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gpos.Api.Auth;

/// <summary>
/// Issues and reads GPOS's OAuth2 access tokens: JWTs (HS256, Microsoft.IdentityModel.JsonWebTokens) carrying the caller,
/// the granted scopes and the RFC 8705 §3.1 confirmation <c>cnf.x5t#S256</c> of the client certificate they were issued
/// to. Expiry is checked against the injected <see cref="TimeProvider"/>, not the library's wall clock.
/// </summary>
internal sealed class OAuthTokens
{
    public const string ConfirmationClaim = "cnf";
    public const string ThumbprintMember = "x5t#S256";

    private readonly OAuthOptions _options;
    private readonly TimeProvider _time;
    private readonly SymmetricSecurityKey _key;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public OAuthTokens(IOptions<OAuthOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _key = new SymmetricSecurityKey(_options.SigningKey.Length > 0
            ? Convert.FromBase64String(_options.SigningKey)
            : RandomNumberGenerator.GetBytes(32));
    }

    public TimeSpan Lifetime => _options.TokenLifetime;

    public string Issue(CallerIdentity caller, string thumbprint, IReadOnlyCollection<string> scopes)
    {
        var now = _time.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = caller.Urn,
            ["client_id"] = caller.Id,
            [GposClaimTypes.Kind] = caller.Kind.ToString().ToLowerInvariant(),
            [GposClaimTypes.Id] = caller.Id,
            [OAuthDefaults.ScopeClaim] = string.Join(' ', scopes),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            [ConfirmationClaim] = new Dictionary<string, object> { [ThumbprintMember] = thumbprint },
        };
        if (caller.MerchantId is not null)
        {
            claims[GposClaimTypes.Merchant] = caller.MerchantId;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(_options.TokenLifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The token's claims when its signature, issuer, audience and lifetime hold; else the reason it does not.</summary>
    public async Task<(JsonWebToken? Token, string? Error)> ReadAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Issuer,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateLifetime = false, // checked below with the injected clock
            RequireExpirationTime = true,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return (null, "The access token is not valid.");
        }

        var now = _time.GetUtcNow().UtcDateTime;
        return jwt.ValidTo <= now || jwt.ValidFrom > now ? (null, "The access token has expired.") : (jwt, null);
    }

    /// <summary>The certificate thumbprint the token is bound to (RFC 8705 <c>cnf.x5t#S256</c>), if any.</summary>
    public static string? BoundThumbprint(JsonWebToken token) =>
        token.TryGetPayloadValue<JsonElement>(ConfirmationClaim, out var cnf) && cnf.ValueKind == JsonValueKind.Object
        && cnf.TryGetProperty(ThumbprintMember, out var x5t) && x5t.ValueKind == JsonValueKind.String ? x5t.GetString() : null;

    public static ClaimsIdentity Identity(JsonWebToken token, string thumbprint)
    {
        var claims = new List<Claim>();
        if (CallerFrom(token) is { } caller)
        {
            claims.AddRange(caller.ToClaims());
        }

        claims.Add(new Claim(GposClaimTypes.CertificateThumbprintSha256, thumbprint));
        var scope = token.TryGetPayloadValue<string>(OAuthDefaults.ScopeClaim, out var text) ? text : "";
        claims.AddRange(scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(OAuthDefaults.ScopeClaim, s)));
        return new ClaimsIdentity(claims, OAuthDefaults.SchemeName, ClaimTypes.Name, GposClaimTypes.Kind);
    }

    private static CallerIdentity? CallerFrom(JsonWebToken token)
    {
        if (!token.TryGetPayloadValue<string>(GposClaimTypes.Kind, out var kind) || !token.TryGetPayloadValue<string>(GposClaimTypes.Id, out var id)
            || !Enum.TryParse<CallerKind>(kind, ignoreCase: true, out var parsed))
        {
            return null;
        }

        return new CallerIdentity(parsed, id, token.TryGetPayloadValue<string>(GposClaimTypes.Merchant, out var merchant) ? merchant : null);
    }
}
