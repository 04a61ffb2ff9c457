using System.Globalization;
using Gpos.PspSimulator.Api;
using Microsoft.AspNetCore.Http.Features;

namespace Gpos.PspSimulator.Faults;

/// <summary>
/// Runs before every API Pix endpoint: counts the call, then applies the matching faults in this order: latency
/// (all latency rules add up), then the first of error (5xx, nothing applied), hang (no answer, nothing applied) or
/// commitThenDrop (the operation is applied, then the connection is aborted).
/// </summary>
internal sealed class FaultMiddleware(
    RequestDelegate next,
    CallCounter calls,
    FaultBoard faults,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<FaultMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint()?.Metadata.GetMetadata<SimEndpoint>();
        if (endpoint is null)
        {
            await next(context);
            return;
        }

        var key = endpoint.KeyOf(context);
        calls.Record(endpoint.Name, key);
        var rules = faults.Take(endpoint.Name, key);
        if (rules.Count == 0)
        {
            await next(context);
            return;
        }

        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var latency = rules.Where(r => r.Kind == FaultKind.Latency).Sum(r => r.LatencyMs);
        if (latency > 0)
        {
            logger.LogInformation("Fault: {Latency} ms latency on {Endpoint} {Key}", latency, endpoint.Name, key);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(latency), clock, aborted.Token);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
                return;
            }
        }

        var fault = rules.FirstOrDefault(r => r.Kind != FaultKind.Latency);
        switch (fault?.Kind)
        {
            case null:
                await next(context);
                break;
            case FaultKind.Error:
                logger.LogInformation("Fault: HTTP {Status} on {Endpoint} {Key}", fault.Status, endpoint.Name, key);
                await WriteErrorAsync(context, fault);
                break;
            case FaultKind.Hang:
                logger.LogInformation("Fault: hanging {Endpoint} {Key} until the client gives up", endpoint.Name, key);
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, clock, aborted.Token);
                }
                catch (OperationCanceledException)
                {
                    context.Abort();
                }

                break;
            default:
                logger.LogInformation("Fault: commit then drop the response on {Endpoint} {Key}", endpoint.Name, key);
                await CommitThenDropAsync(context, fault.AfterHeaders);
                break;
        }
    }

    private static Task WriteErrorAsync(HttpContext context, FaultRule fault)
    {
        var problem = fault.Status switch
        {
            503 => PixProblem.Bacen("ServicoIndisponivel", "Serviço Indisponível", 503, "Falha simulada pelo PSP simulador."),
            504 => PixProblem.Bacen("IndisponibilidadePorTempoEsgotado", "Indisponibilidade por tempo esgotado", 504, "Falha simulada pelo PSP simulador."),
            _ => PixProblem.Bacen("ErroInternoDoServidor", "Erro interno do servidor", fault.Status, "Falha simulada pelo PSP simulador."),
        };
        if (fault.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return ApiResults.Problem(problem).ExecuteAsync(context);
    }

    private async Task CommitThenDropAsync(HttpContext context, bool afterHeaders)
    {
        // Capture the endpoint's response instead of sending it: the operation is applied, the answer is lost.
        var kestrelBody = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer));
        await next(context);
        if (afterHeaders && buffer.Length > 1)
        {
            // Status line and headers go out, then half of the body: the client has seen bytes, so no HTTP stack
            // retries the request on its own; reading the content fails.
            context.Features.Set(kestrelBody);
            context.Response.ContentLength = buffer.Length;
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)(buffer.Length / 2)), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        context.Abort();
    }
}
