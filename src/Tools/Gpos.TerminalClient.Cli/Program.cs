using Gpos.TerminalClient.Cli;

// gpos-terminal: a POS terminal on the command line (see src/Tools/Gpos.TerminalClient/README.md).
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // let the command finish cleanly; a second Ctrl-C is not needed
    stop.Cancel();
};
return await Cli.RunAsync(args, Console.Out, Console.Error, TimeProvider.System, stop.Token);
