using System.Security.Cryptography;

namespace Gpos.Webhooks.Registration;

/// <summary>Standard Webhooks signing secrets: <c>whsec_</c> followed by base64 of 32 random bytes.</summary>
internal static class SigningSecret
{
    public const string Prefix = "whsec_";

    public static string Create() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static byte[] Key(string secret) => Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
}
