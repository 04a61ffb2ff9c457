using Gpos.CardHostSimulator.State;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gpos.CardHostSimulator.Control;

/// <summary>The control HTTP API for tests and operators (README "Control API"). Plain HTTP, loopback by default.</summary>
internal static class ControlApi
{
    public const int DefaultMessageLimit = 100;

    public static IEndpointRouteBuilder MapControlApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/control");

        group.MapGet("/stats", (SimulatorState state) => TypedResults.Ok(state.GetStats()))
            .WithName("GetStats").WithSummary("Counters by MTI and response code, reversals, garbage frames, connections.");

        group.MapGet("/messages", GetMessages)
            .WithName("GetMessages").WithSummary("The last N recorded requests, oldest first, PAN masked.");

        group.MapGet("/reversals", (SimulatorState state, string? terminalId) => TypedResults.Ok(state.GetReversals(terminalId)))
            .WithName("GetReversals").WithSummary("Recorded reversals with their DE90 and original STAN.");

        group.MapGet("/faults", (SimulatorState state) => TypedResults.Ok(state.GetFaults()))
            .WithName("GetFaults").WithSummary("The current fault (count = requests remaining).");

        group.MapPost("/faults", SetFaults)
            .WithName("SetFaults").WithSummary("Sets the fault: none, silent, drop or delay, for all or the next N requests.");

        group.MapPost("/reset", (SimulatorState state, ILoggerFactory loggers) =>
            {
                state.Reset();
                loggers.CreateLogger(typeof(ControlApi)).LogInformation("Simulator reset: records, counters and faults cleared");
                return TypedResults.NoContent();
            })
            .WithName("Reset").WithSummary("Clears recorded messages, reversals, counters and the fault.");

        return app;
    }

    private static Results<Ok<IReadOnlyList<RecordedMessage>>, ValidationProblem> GetMessages(
        SimulatorState state, int? limit, string? terminalId)
    {
        if (limit is < 1)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be at least 1."] });
        }

        return TypedResults.Ok(state.GetMessages(limit ?? DefaultMessageLimit, terminalId));
    }

    private static Results<Ok<FaultSettings>, ValidationProblem> SetFaults(
        FaultSettings settings, SimulatorState state, ILoggerFactory loggers)
    {
        var errors = FaultValidation.Validate(settings);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        state.SetFaults(settings);
        loggers.CreateLogger(typeof(ControlApi)).LogInformation(
            "Fault set: {Mode}, delay {DelayMs} ms, count {Count}, MTIs {Mtis}",
            settings.Mode, settings.DelayMs, settings.Count, settings.Mtis);
        return TypedResults.Ok(state.GetFaults());
    }
}
