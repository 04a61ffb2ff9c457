using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Gpos.Webhooks.Registration;

/// <summary>
/// SSRF guard (design.md §5, OWASP SSRF prevention): a merchant URL must be absolute https without credentials, and every
/// address its host resolves to must be public. The same address check runs again when the sender connects (DNS may
/// answer differently later: rebinding). <see cref="WebhooksOptions.AllowPrivateTargets"/> (Development only) lifts both.
/// </summary>
internal sealed class UrlGuard(IOptions<WebhooksOptions> options)
{
    public const int MaxUrlLength = 2048;

    /// <summary>Null when <paramref name="text"/> is an acceptable target; otherwise why not.</summary>
    public async Task<string?> CheckAsync(string? text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxUrlLength)
        {
            return $"The URL is required and at most {MaxUrlLength} characters.";
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || string.IsNullOrEmpty(uri.Host))
        {
            return "The URL must be an absolute http(s) URL.";
        }

        var allowPrivate = options.Value.AllowPrivateTargets;
        if (uri.Scheme != Uri.UriSchemeHttps && !allowPrivate)
        {
            return "The URL must use https.";
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "The URL must not carry credentials or a fragment.";
        }

        if (allowPrivate)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return "The URL's host does not resolve.";
        }

        if (addresses.Length == 0)
        {
            return "The URL's host does not resolve.";
        }

        return addresses.Any(IsForbidden) ? "The URL resolves to a loopback, private, link-local or otherwise non-public address." : null;
    }

    /// <summary>Loopback, unspecified, private (RFC 1918, RFC 4193), carrier-grade NAT, link-local, multicast and broadcast.</summary>
    public static bool IsForbidden(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC;
        }

        var v4 = address.GetAddressBytes();
        return v4[0] switch
        {
            0 or 10 or 127 => true,
            100 => v4[1] is >= 64 and <= 127,
            169 => v4[1] == 254,
            172 => v4[1] is >= 16 and <= 31,
            192 => v4[1] == 168 || (v4[1] == 0 && v4[2] == 0),
            >= 224 => true,
            _ => false,
        };
    }
}
