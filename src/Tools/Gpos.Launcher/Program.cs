using System.Runtime.InteropServices;
using Gpos.Launcher;

// The README's run command. `certs init` only creates the development PKI.
// Ctrl-C (SIGINT) and SIGTERM both stop everything this command started, cleanly: the signal only cancels, and the
// finally blocks stop the API and PostgreSQL.
using var cancellation = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var repository = RepositoryLayout.Find();
return args switch
{
    ["certs", "init"] => Commands.CertsInit(repository),
    ["ledger", "verify"] => await LedgerCommands.VerifyAsync(repository, cancellation.Token),
    ["demo"] => await Commands.DemoAsync(repository, cancellation.Token),
    [] or ["up"] => await Commands.UpAsync(repository, cancellation.Token),
    _ => Commands.Usage(),
};

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancellation.Cancel();
}
