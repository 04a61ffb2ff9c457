using System.Security.Cryptography;
using System.Text;
using Gpos.Webhooks.Registration;

namespace Gpos.Webhooks.Delivery;

/// <summary>
/// Standard Webhooks signing (standardwebhooks.com, spec "Signature scheme"): <c>v1,</c> + base64(HMAC-SHA256(secret,
/// "{webhook-id}.{webhook-timestamp}.{body}")); several signatures are space-separated (secret rotation).
/// </summary>
internal static class WebhookSignature
{
    public static string Sign(IEnumerable<string> secrets, string messageId, long timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{messageId}.{timestamp}.{body}"));
        return string.Join(' ', secrets.Select(s => "v1," + Convert.ToBase64String(HMACSHA256.HashData(SigningSecret.Key(s), content))));
    }
}
