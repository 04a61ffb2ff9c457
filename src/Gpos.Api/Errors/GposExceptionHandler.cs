using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Gpos.Api.Errors;

/// <summary>
/// Every unhandled exception becomes RFC 9457 problem+json, never a stack trace (conventions.md habit 9):
/// request-shape errors keep their 4xx status, a value the database refuses as data (SQLSTATE class 22) is 400, a
/// database outage is 503 with Retry-After, anything else is 500.
/// </summary>
internal sealed class GposExceptionHandler(IProblemDetailsService problemDetails, ILogger<GposExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, TitleFor(bad.StatusCode), DetailFor(bad)),
            // SQLSTATE class 22 (data exception: a NUL character in text, a number out of range) is the caller's value,
            // not an outage: the transaction rolled back and nothing was written (found by ApiFuzzTests).
            PostgresException { SqlState: var state } when state.StartsWith("22", StringComparison.Ordinal) =>
                (StatusCodes.Status400BadRequest, "Bad request", "A value in the request cannot be stored (e.g. a NUL character)."),
            NpgsqlException or TimeoutException when IsDatabase(exception) =>
                (StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The database is unavailable; retry later."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested =>
                (499, "Client closed request", "The request was cancelled by the client."),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "An unexpected error occurred."),
        };

        if (status >= 500)
        {
            logger.LogError(exception, "Request failed with {StatusCode}", status);
        }
        else
        {
            logger.LogInformation("Request rejected with {StatusCode}: {Detail}", status, detail);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static bool IsDatabase(Exception exception) =>
        exception is NpgsqlException || exception.InnerException is NpgsqlException;

    private static string TitleFor(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "Payload too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        _ => "Bad request",
    };

    // The framework's messages name the parameter and the failure (e.g. invalid JSON) without echoing the body.
    private static string DetailFor(BadHttpRequestException exception) =>
        exception.InnerException is System.Text.Json.JsonException json
            ? $"The request body is not valid JSON for this endpoint: {json.Message}"
            : exception.Message;
}
