using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gpos.WebhookReceiver;

/// <summary>
/// Standard Webhooks verification, written from the spec (standardwebhooks.com) independently of GPOS's signer: HMAC-SHA256
/// over <c>{webhook-id}.{webhook-timestamp}.{body}</c> with the base64 part of a <c>whsec_</c> secret; the header may hold
/// several space-separated <c>v1,&lt;base64&gt;</c> signatures (one per active secret); the timestamp must be recent.
/// </summary>
public static class SignatureVerifier
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>The secrets (of <paramref name="secrets"/>) whose signature is present and valid; empty when none is.</summary>
    public static IReadOnlyList<string> ValidSecrets(IEnumerable<string> secrets, string? id, string? timestamp, string body, string? signatureHeader,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (id is null || signatureHeader is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return [];
        }

        var signatures = signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Select(s => TryBase64(s[3..]))
            .OfType<byte[]>()
            .ToList();
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}");
        return secrets.Where(secret =>
        {
            var expected = HMACSHA256.HashData(Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret), content);
            return signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected));
        }).ToList();
    }

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
