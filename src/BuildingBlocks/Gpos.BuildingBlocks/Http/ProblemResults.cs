using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gpos.BuildingBlocks.Http;

/// <summary>RFC 9457 problem+json results shared by the modules (conventions.md habit 9).</summary>
public static class ProblemResults
{
    public static ProblemHttpResult BadRequest(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static ProblemHttpResult NotFound(string detail) =>
        Problem(StatusCodes.Status404NotFound, "Not found", detail);

    public static ProblemHttpResult Conflict(string detail) =>
        Problem(StatusCodes.Status409Conflict, "Conflict", detail);

    public static ProblemHttpResult Problem(int status, string title, string detail, string? type = null,
        IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = type };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }

        return TypedResults.Problem(problem);
    }
}
