using System.Globalization;
using Gpos.WebhookReceiver;

// gpos-webhook-receiver: prints every webhook it gets and whether its Standard Webhooks signature verifies.
//   dotnet run --project src/Tools/Gpos.WebhookReceiver -- --port 7470 --secret whsec_... [--secret whsec_...] [--status 200]
var port = 7470;
var status = 200;
var secrets = new List<string>();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--port": port = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--secret": secrets.Add(args[i + 1]); break;
        case "--status": status = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default:
            await Console.Error.WriteLineAsync($"Unknown option {args[i]}. Options: --port N --secret whsec_... --status N");
            return 2;
    }
}

await using var server = await WebhookReceiverServer.StartAsync(port, secrets);
server.Behaviour = new ReceiverBehaviour { Status = status };
server.OnReceived = w => Console.WriteLine(
    $"{w.ReceivedAt:O} {w.Path} id={w.Id} signature={(w.SignatureValid ? "valid" : "INVALID")} ({w.SignatureCount} sent) -> {w.AnsweredStatus}{Environment.NewLine}  {w.Body}");
await Console.Out.WriteLineAsync($"Webhook receiver on {server.BaseAddress} (register it with Gpos:Webhooks:AllowPrivateTargets=true in Development). Ctrl-C stops.");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
await stop.Task;
return 0;
