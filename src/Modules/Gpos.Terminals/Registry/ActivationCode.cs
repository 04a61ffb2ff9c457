using System.Security.Cryptography;
using System.Text;

namespace Gpos.Terminals.Registry;

/// <summary>
/// One-time activation codes: 80 random bits as 16 Crockford base-32 characters in groups of four
/// (<c>7K3M-Q9XZ-…</c>), easy to read aloud or type on a terminal keypad. Only the SHA-256 of the normalised code is
/// stored; with 80 bits of entropy a fast hash is enough, and the 5-attempt lock bounds online guessing.
/// </summary>
internal static class ActivationCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Generate()
    {
        Span<char> chars = stackalloc char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{chars[..4]}-{chars[4..8]}-{chars[8..12]}-{chars[12..]}";
    }

    /// <summary>SHA-256 of the code with separators and case removed (and I/L→1, O→0, as Crockford reads them).</summary>
    public static byte[] Hash(string code)
    {
        var normalised = new StringBuilder(16);
        foreach (var c in code.ToUpperInvariant())
        {
            switch (c)
            {
                case '-' or ' ':
                    continue;
                case 'I' or 'L':
                    normalised.Append('1');
                    break;
                case 'O':
                    normalised.Append('0');
                    break;
                default:
                    normalised.Append(c);
                    break;
            }
        }

        return SHA256.HashData(Encoding.ASCII.GetBytes(normalised.ToString()));
    }

    public static bool Matches(string presented, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);
}
