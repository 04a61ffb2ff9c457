using System.Globalization;
using System.Runtime.InteropServices;
using Gpos.WebhookReceiver;

// gpos-webhook-receiver: prints every webhook it gets and whether its Standard Webhooks signature verifies.
//   dotnet run --project src/Tools/Gpos.WebhookReceiver -- --port 7470 --secret whsec_... [--secret whsec_...] [--status 200] [--rate true]
// --rate true prints one line a second (events received in that second, total, invalid signatures) instead of every event:
// a way to watch delivery throughput and the drain of a backlog after an outage.
var port = 7470;
var status = 200;
var rate = false;
var secrets = new List<string>();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--port": port = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--secret": secrets.Add(args[i + 1]); break;
        case "--status": status = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--rate": rate = bool.Parse(args[i + 1]); break;
        default:
            await Console.Error.WriteLineAsync($"Unknown option {args[i]}. Options: --port N --secret whsec_... --status N --rate true|false");
            return 2;
    }
}

await using var server = await WebhookReceiverServer.StartAsync(port, secrets);
server.Behaviour = new ReceiverBehaviour { Status = status };
if (!rate)
{
    server.OnReceived = w => Console.WriteLine(
        $"{w.ReceivedAt:O} {w.Path} id={w.Id} signature={(w.SignatureValid ? "valid" : "INVALID")} ({w.SignatureCount} sent) -> {w.AnsweredStatus}{Environment.NewLine}  {w.Body}");
}

using var meter = new CancellationTokenSource();
var printing = rate ? PrintRateAsync(server, meter.Token) : Task.CompletedTask;
await Console.Out.WriteLineAsync($"Webhook receiver on {server.BaseAddress} (register it with Gpos:Webhooks:AllowPrivateTargets=true in Development). Ctrl-C stops.");
var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
await stop.Task;
await meter.CancelAsync();
await printing;
return 0;

static async Task PrintRateAsync(WebhookReceiverServer server, CancellationToken cancellationToken)
{
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
    var last = 0;
    try
    {
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var received = server.Received;
            var invalid = received.Count(r => !r.SignatureValid);
            Console.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} {received.Count - last} events/s, {received.Count} total, {invalid} with an invalid signature");
            last = received.Count;
        }
    }
    catch (OperationCanceledException)
    {
        // Ctrl-C
    }
}
