namespace Gpos.Api.Errors;

/// <summary>
/// An API has no HTML or XML error page: when the caller's <c>Accept</c> names no JSON type (<c>text/html</c>,
/// <c>application/xml</c>), the framework's problem writer declines and errors went out with an empty body (a 400 for
/// malformed JSON, the 401 challenge, a 404, even a 500; found by OpenApiFuzzTests). Registered after the framework's
/// writer, this one is asked only then: it drops the request's Accept and lets the framework write the usual
/// problem+json, so the document is the same whatever the caller accepts.
/// </summary>
internal sealed class AcceptAnyProblemDetailsWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => context.HttpContext.Request.Headers.Accept.Count > 0;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        context.HttpContext.Request.Headers.Remove("Accept");
        return context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(context);
    }
}
