using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Gpos.LoadGen.Hosting;
using Gpos.TerminalClient;

namespace Gpos.LoadGen.Scenarios;

/// <summary>One enrolled virtual terminal: its own key and certificate, its own keep-alive mTLS connection pool.</summary>
internal sealed class VirtualTerminal(string terminalId, TerminalStore store, TerminalAgent agent) : IDisposable
{
    public string TerminalId { get; } = terminalId;

    /// <summary>The terminal client's mTLS HttpClient (one SocketsHttpHandler per terminal; base address: GPOS's mTLS port).</summary>
    public HttpClient Http => agent.Api.Http;

    public string CertificatePath => store.CertificatePath;

    public string PrivateKeyPath => store.PrivateKeyPath;

    public void Dispose() => agent.Dispose();
}

/// <summary>
/// N virtual terminals enrolled through the real flow: ops registers each one (bootstrap port, ops token) and gets its
/// activation code; the terminal client (src/Tools/Gpos.TerminalClient) generates a key, sends a CSR with the code and
/// stores the certificate in a folder of its own. The folders are deleted on dispose.
/// </summary>
internal sealed class TerminalFleet : IDisposable
{
    private readonly string _directory;

    private TerminalFleet(string directory, IReadOnlyList<VirtualTerminal> terminals)
    {
        _directory = directory;
        Terminals = terminals;
    }

    public IReadOnlyList<VirtualTerminal> Terminals { get; }

    public VirtualTerminal For(int worker) => Terminals[worker % Terminals.Count];

    public static async Task<TerminalFleet> EnrollAsync(LoadTarget target, int count, string merchantId, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"gpos-loadgen-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
        Directory.CreateDirectory(directory);
        var run = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var terminals = new VirtualTerminal?[count];
        try
        {
            using var ops = target.OpsClient();
            using var enrollment = new EnrollmentClient(new TerminalEndpoints(target.Bootstrap, target.Mtls, target.Pki.RootCertificatePath));
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var serial = string.Create(CultureInfo.InvariantCulture, $"LOAD-{run}-{i:D4}");
                    using var registered = await ops.PostAsJsonAsync(new Uri("/ops/v1/terminals", UriKind.Relative),
                        new { serialNumber = serial, model = "gpos-loadgen", merchantId }, ct);
                    if (!registered.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException(
                            $"Registering terminal {serial} failed: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync(ct)}");
                    }

                    var registration = (await registered.Content.ReadFromJsonAsync<Registration>(ct))!;
                    var store = TerminalStore.Open(Path.Combine(directory, serial));
                    var result = await enrollment.EnrollAsync(store, serial, registration.ActivationCode, ct);
                    if (!result.Succeeded)
                    {
                        throw new InvalidOperationException($"Enrolling terminal {serial} failed: {result.Status} {result.Problem}");
                    }

                    terminals[i] = new VirtualTerminal(registration.TerminalId, store, TerminalAgent.Open(store));
                });
            return new TerminalFleet(directory, terminals.Select(t => t!).ToArray());
        }
        catch
        {
            foreach (var terminal in terminals)
            {
                terminal?.Dispose();
            }

            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var terminal in Terminals)
        {
            terminal.Dispose();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: the folder is under the temporary directory
        }
    }

    private sealed record Registration(
        [property: JsonPropertyName("terminalId")] string TerminalId,
        [property: JsonPropertyName("activationCode")] string ActivationCode);
}
