using Gpos.Launcher;

// The README's run command. `certs init` only creates the development PKI.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => cancellation.Cancel();

var repository = RepositoryLayout.Find();
return args switch
{
    ["certs", "init"] => Commands.CertsInit(repository),
    [] or ["up"] => await Commands.UpAsync(repository, cancellation.Token),
    _ => Commands.Usage(),
};
