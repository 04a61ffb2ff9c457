using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gpos.Terminals.Revocation;

/// <summary>
/// Reloads the revocation list from the database every <see cref="TerminalsOptions.RevocationRefreshInterval"/>, so a
/// certificate revoked through any instance is refused by every instance within that interval.
/// </summary>
internal sealed class RevocationListRefresher(
    NpgsqlDataSource dataSource,
    RevocationList revocationList,
    IOptions<TerminalsOptions> options,
    TimeProvider timeProvider,
    ILogger<RevocationListRefresher> logger) : BackgroundService
{
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT serial_number FROM terminals.certificate_revocations");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var serials = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            serials.Add(reader.GetString(0));
        }

        revocationList.Replace(serials);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RevocationRefreshInterval, timeProvider);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                // Keep the last known list: a database hiccup must not reopen access for revoked certificates.
                logger.LogWarning(ex, "Revocation list refresh failed; keeping {Count} known revocations", revocationList.Count);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
