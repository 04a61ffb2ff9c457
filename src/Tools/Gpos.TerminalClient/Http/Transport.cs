using System.Net;
using System.Security.Authentication;

namespace Gpos.TerminalClient.Http;

/// <summary>Sorting failures that produced no usable answer: offline and overloaded are normal for a terminal.</summary>
internal static class Transport
{
    /// <summary>A network, TLS or timeout failure (not the caller's own cancellation).</summary>
    public static bool IsFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException or IOException or AuthenticationException => true,
        TaskCanceledException => !cancellationToken.IsCancellationRequested, // HttpClient.Timeout
        _ => false,
    };

    /// <summary>
    /// Whether GPOS refused the TLS session itself: the handshake failed, or (TLS 1.3, where the client certificate is
    /// judged after the client considers the handshake done) the server closed the connection before any response.
    /// </summary>
    public static bool IsHandshakeRefusal(Exception exception) => exception is HttpRequestException
    {
        HttpRequestError: HttpRequestError.SecureConnectionError or HttpRequestError.ResponseEnded,
    };

    public static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
