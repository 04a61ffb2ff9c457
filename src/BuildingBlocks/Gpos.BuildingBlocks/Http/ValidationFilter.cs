using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gpos.BuildingBlocks.Http;

/// <summary>
/// The one endpoint filter that runs FluentValidation for every endpoint argument that has a registered
/// <see cref="IValidator{T}"/>. Endpoints without validated arguments pay nothing: the factory decides once, at
/// start-up, which argument positions need validating.
/// </summary>
public static class ValidationFilter
{
    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        // Ask whether a validator is registered without resolving it: validators are scoped, and resolving them from
        // the root provider fails under scope validation (Development).
        var registered = context.ApplicationServices.GetRequiredService<IServiceProviderIsService>();
        var validated = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (Index: index,
                ValidatorType: typeof(IValidator<>).MakeGenericType(parameter.ParameterType)))
            .Where(p => registered.IsService(p.ValidatorType))
            .ToArray();
        if (validated.Length == 0)
        {
            return next;
        }

        return async invocationContext =>
        {
            foreach (var (index, validatorType) in validated)
            {
                var argument = invocationContext.Arguments[index];
                if (argument is null)
                {
                    return ProblemResults.BadRequest("Request body is required.");
                }

                var validator = (IValidator)invocationContext.HttpContext.RequestServices.GetRequiredService(validatorType);
                var result = await validator.ValidateAsync(new ValidationContext<object>(argument),
                    invocationContext.HttpContext.RequestAborted);
                if (!result.IsValid)
                {
                    return TypedResults.ValidationProblem(result.ToDictionary());
                }
            }

            return await next(invocationContext);
        };
    }
}
