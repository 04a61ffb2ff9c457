using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Gpos.Api.Errors;

/// <summary>
/// Request bodies are UTF-8 (RFC 8259 §8.1 for JSON, RFC 6749 Appendix B for the token endpoint's form): a
/// <c>Content-Type</c> naming another charset is 415 problem+json. Without this, an unknown charset
/// (<c>application/json; charset=nonsense</c>) made the framework's JSON binding throw InvalidOperationException, a 500
/// on every typed-body endpoint (found by OpenApiFuzzTests), and a known non-UTF-8 one was silently transcoded.
/// Runs after authorization, so an unauthenticated caller still gets its 401 first.
/// </summary>
internal sealed class Utf8RequestBodyMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType;
        if (contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var mediaType) && mediaType.Charset is { HasValue: true } charset)
        {
            if (!IsUtf8(HeaderUtilities.RemoveQuotes(charset)))
            {
                return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                    detail: "Request bodies must be UTF-8 (charset=utf-8 or no charset).").ExecuteAsync(context);
            }

            // The framework passes the charset to Encoding.GetEncoding as written: "utf8" or a quoted "UTF-8" threw there too.
            mediaType.Charset = "utf-8";
            context.Request.ContentType = mediaType.ToString();
        }

        return next(context);
    }

    // US-ASCII is a subset of UTF-8.
    private static bool IsUtf8(StringSegment charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
        || charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase);
}
