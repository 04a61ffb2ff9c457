using System.Globalization;
using System.Text.Json;
using Gpos.DevTools;

namespace Gpos.Launcher;

/// <summary>
/// <c>ledger verify</c>: asks the running system to recompute the seal chain and every entry's balance
/// (GET /ops/v1/ledger/verify as ops) and exits 0 when the ledger is intact, 1 with the first broken link otherwise.
/// </summary>
internal static class LedgerCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> VerifyAsync(RepositoryLayout repository, CancellationToken cancellationToken)
    {
        var pki = DevPki.EnsureCreated(repository.CertsDirectory, TimeProvider.System);
        var port = int.TryParse(Environment.GetEnvironmentVariable("GPOS_BOOTSTRAP_PORT"), out var p) ? p : 7444;
        using var http = DevHttp.Ops(pki);
        http.Timeout = TimeSpan.FromMinutes(5);
        using var response = await http.GetAsync(new Uri($"https://localhost:{port.ToString(CultureInfo.InvariantCulture)}/ops/v1/ledger/verify"),
            cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await Console.Error.WriteLineAsync($"verify failed: {(int)response.StatusCode} {body}");
            return 2;
        }

        using var result = JsonDocument.Parse(body);
        Console.WriteLine(JsonSerializer.Serialize(result.RootElement, Indented));
        return result.RootElement.GetProperty("ok").GetBoolean() ? 0 : 1;
    }
}
