using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Gpos.Api.Errors;

/// <summary>
/// Every unhandled exception becomes RFC 9457 problem+json, never a stack trace (conventions.md habit 9):
/// request-shape errors keep their 4xx status, a value the database refuses as data (SQLSTATE class 22) is 400, a
/// database outage is 503 with Retry-After, anything else (a constraint or syntax error too: a bug) is 500.
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
            // EF Core wraps it in a DbUpdateException, so the whole chain is searched (found by OpenApiFuzzTests: a NUL in
            // a terminal's model answered 500).
            _ when Find<PostgresException>(exception) is { SqlState: var state } && state.StartsWith("22", StringComparison.Ordinal) =>
                (StatusCodes.Status400BadRequest, "Bad request", "A value in the request cannot be stored (e.g. a NUL character)."),
            _ when IsDatabase(exception) =>
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

    /// <summary>
    /// A database that cannot serve, anywhere in the chain (EF Core's DbUpdateException wraps Npgsql's): a connection
    /// failure, or a server error of the classes that mean "not now" (08 connection, 53 resources, 57 operator
    /// intervention such as a shutdown, 40001/40P01 serialization and deadlock). Any other server error (a constraint,
    /// a syntax error) is a bug: 500, not an outage to retry.
    /// </summary>
    private static bool IsDatabase(Exception exception) => Find<PostgresException>(exception) is { } postgres
        ? postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
          || postgres.SqlState.StartsWith("57", StringComparison.Ordinal) || postgres.SqlState is "40001" or "40P01"
        : Find<NpgsqlException>(exception) is not null;

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }

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
