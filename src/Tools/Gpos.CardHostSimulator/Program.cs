using System.Globalization;
using System.Runtime.InteropServices;
using Gpos.CardHostSimulator;
using Gpos.CardHostSimulator.Hosting;

// The card host simulator as its own process (README). Tests host it in-process through CardHostSimulatorServer.
if (!SimulatorCommandLine.TryParse(args, Environment.GetEnvironmentVariable, out var options, out bool verbose, out var error))
{
    await Console.Error.WriteLineAsync(error ?? SimulatorCommandLine.Usage);
    return error is null ? 0 : 2;
}

using var loggers = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console => console.SingleLine = true)
    .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information)
    .AddFilter("Microsoft", LogLevel.Warning));
options.LoggerFactory = loggers;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

await using var server = await CardHostSimulatorServer.StartAsync(options, stop.Token);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Card host simulator: ISO 8583 port {server.Port}, control port {server.ControlPort} ({server.ControlAddress}control/stats). Ctrl-C stops."));
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl-C or SIGTERM: dispose stops both listeners.
}

return 0;
