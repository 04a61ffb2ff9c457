using Gpos.DevTools;
using Testcontainers.PostgreSql;

namespace Gpos.Testing;

/// <summary>
/// The PostgreSQL server the tests of this process share (design.md §7): <c>GPOS_TEST_DATABASE</c> (a superuser
/// connection string) when set, else a Testcontainers container when a Docker engine answers, else a throwaway local
/// cluster started here and stopped when the process exits. Each test class then gets a database of its own.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Task<string>> AdminConnection = new(StartAsync);

    public static Task<string> GetAdminConnectionStringAsync() => AdminConnection.Value;

    private static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("GPOS_TEST_DATABASE");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (DockerEngineAvailable())
        {
            try
            {
                var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
                await container.StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
                return container.GetConnectionString();
            }
#pragma warning disable CA1031 // any failure to start a container means: fall back to a local cluster
            catch (Exception ex)
#pragma warning restore CA1031
            {
                await Console.Error.WriteLineAsync($"Testcontainers could not start PostgreSQL ({ex.Message}); using a local cluster.");
            }
        }

        await RemoveOrphanedClustersAsync();
        var directory = Path.Combine(Path.GetTempPath(), $"gpos-test-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var local = await LocalPostgres.StartAsync(directory, port: 0, allowInstall: true, _ => { }, CancellationToken.None);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            local.StopAsync().GetAwaiter().GetResult();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // best effort: the OS cleans the temp folder eventually
            }
            catch (UnauthorizedAccessException)
            {
            }
        };
        return local.AdminConnectionString;
    }

    /// <summary>
    /// A test process killed before its exit handler ran leaves its cluster running. Clusters are named after the
    /// process that started them; stop and delete those whose process is gone.
    /// </summary>
    private static async Task RemoveOrphanedClustersAsync()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), "gpos-test-pg-*"))
        {
            var parts = Path.GetFileName(directory).Split('-');
            if (parts.Length < 4 || !int.TryParse(parts[3], out var pid) || ProcessAlive(pid))
            {
                continue;
            }

            await LocalPostgres.StopOrphanAsync(directory);
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static bool ProcessAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool DockerEngineAvailable() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) || File.Exists("/var/run/docker.sock");
}
