using System.Runtime.InteropServices;
using Gpos.LoadGen.Hosting;
using Gpos.LoadGen.Soak;

// The load generator and performance suite (issue 11), and the soak (issue 12). See LoadOptions.Usage, SoakOptions.Usage,
// docs/performance.md and docs/reliability.md.
using var cancellation = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

if (args is ["--help"] or ["-h"] or ["help"])
{
    Console.WriteLine(LoadOptions.Usage);
    Console.WriteLine();
    Console.WriteLine(SoakOptions.Usage);
    return 0;
}

if (args is ["soak", ..])
{
    try
    {
        return await SoakCommand.RunAsync(args, cancellation.Token);
    }
    catch (UsageException ex)
    {
        await Console.Error.WriteLineAsync(ex.Message);
        await Console.Error.WriteLineAsync(SoakOptions.Usage);
        return 2;
    }
    catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
    {
        await Console.Error.WriteLineAsync("Interrupted.");
        return 130;
    }
}

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (UsageException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    await Console.Error.WriteLineAsync(LoadOptions.Usage);
    return 2;
}

try
{
    return await Suite.RunAsync(options, args, cancellation.Token);
}
catch (UsageException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("Interrupted.");
    return 130;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancellation.Cancel();
}
