using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Gpos.WebhookReceiver;

/// <summary>
/// A Kestrel app on loopback (plain http: the GPOS side allows it only with <c>Gpos:Webhooks:AllowPrivateTargets</c> in
/// Development) that records and verifies every POST. Tests drive its <see cref="Behaviour"/>; the console prints events.
/// </summary>
public sealed class WebhookReceiverServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private volatile ReceiverBehaviour _behaviour = ReceiverBehaviour.Ok;
    private volatile string[] _secrets;

    private WebhookReceiverServer(WebApplication app, string[] secrets, int port)
    {
        _app = app;
        _secrets = secrets;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public ReceiverBehaviour Behaviour { get => _behaviour; set => _behaviour = value; }

    /// <summary>Secrets signatures are verified against (add the new one after a rotation).</summary>
    public IReadOnlyList<string> Secrets { get => _secrets; set => _secrets = [.. value]; }

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>Called for every request (the console prints it).</summary>
    public Action<ReceivedWebhook>? OnReceived { get; set; }

    public static async Task<WebhookReceiverServer> StartAsync(int port, IEnumerable<string> secrets, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new WebhookReceiverServer(app, [.. secrets], port);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var behaviour = _behaviour;
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers;
        var signature = headers["webhook-signature"].ToString();
        var valid = SignatureVerifier.ValidSecrets(_secrets, headers["webhook-id"], headers["webhook-timestamp"], body, signature,
            DateTimeOffset.UtcNow);
        var answered = behaviour.Reset || behaviour.Garbage ? 0 : behaviour.RedirectTo is not null ? 307 : behaviour.Status;
        var received = new ReceivedWebhook(context.Request.Path, headers["webhook-id"], headers["webhook-timestamp"], signature,
            signature.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, body, valid, answered, DateTimeOffset.UtcNow);
        _received.Enqueue(received);
        OnReceived?.Invoke(received);
        if (behaviour.Delay > TimeSpan.Zero)
        {
            await Task.Delay(behaviour.Delay, context.RequestAborted);
        }

        if (behaviour.Reset)
        {
            context.Abort();
            return;
        }

        if (behaviour.Garbage)
        {
            await WriteGarbageAsync(context);
            return;
        }

        if (behaviour.RedirectTo is not null)
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = behaviour.RedirectTo.ToString();
            return;
        }

        context.Response.StatusCode = behaviour.Status;
        if (behaviour.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsync(behaviour.Status < 300 ? "ok" : "receiver says " + behaviour.Status, context.RequestAborted);
    }

    // Bytes straight onto the connection, bypassing HTTP framing: the sender must see a protocol error, not a response.
    private static async Task WriteGarbageAsync(HttpContext context)
    {
        var transport = context.Features.Get<IConnectionTransportFeature>()?.Transport;
        if (transport is null)
        {
            context.Abort();
            return;
        }

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await transport.Output.WriteAsync("\u0001\u0002NOT HTTP AT ALL\r\n\r\n"u8.ToArray(), context.RequestAborted);
        await transport.Output.FlushAsync(context.RequestAborted);
        context.Abort();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
