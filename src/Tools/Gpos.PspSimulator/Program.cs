using System.Runtime.InteropServices;
using Gpos.PspSimulator;
using Gpos.PspSimulator.Hosting;

// The stand-alone PSP simulator (README.md): parse options, serve until Ctrl-C or SIGTERM, stop cleanly.
if (args.Contains("--help") || args.Contains("-h"))
{
    await Console.Out.WriteLineAsync(CommandLine.Usage);
    return 0;
}

PspSimulatorOptions options;
try
{
    options = CommandLine.Parse(args);
}
catch (Exception exception) when (exception is InvalidOperationException or FormatException)
{
    await Console.Error.WriteLineAsync(exception.Message);
    await Console.Error.WriteLineAsync(CommandLine.Usage);
    return 2;
}

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
await using var server = await PspSimulatorServer.StartAsync(options, CancellationToken.None);
await Console.Out.WriteLineAsync($"PSP simulator listening on {server.BaseAddress} (API Pix at {server.BaseAddress}v2/, control API at {server.BaseAddress}control/)");
await stop.Task;
await Console.Out.WriteLineAsync("PSP simulator stopping.");
return 0;
