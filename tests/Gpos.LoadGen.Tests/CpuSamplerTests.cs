using System.Diagnostics;
using Gpos.DevTools;
using Gpos.LoadGen.Measurement;
using Npgsql;

namespace Gpos.LoadGen.Tests;

/// <summary>The CPU figures of the report, read from /proc of this machine (Linux, where the suite runs).</summary>
public sealed class CpuSamplerTests
{
    [Fact]
    public void Sample_BusyLoop_MachineCountsAtLeastThisProcess()
    {
        var sampler = new CpuSampler([]);
        var before = sampler.Sample();
        var clock = Stopwatch.StartNew();
        var spins = 0L;
        while (clock.Elapsed < TimeSpan.FromMilliseconds(700))
        {
            spins++;
        }

        var cores = CpuSampler.CoresBetween(before, sampler.Sample(), clock.Elapsed);

        Assert.True(spins > 0);
        Assert.True(cores["load generator"] >= 0.1, $"this process: {cores["load generator"]} cores");
        // The machine's busy time includes this process's (tick rounding allows a little less).
        Assert.True(cores["machine"] >= cores["load generator"] - 0.05, $"machine {cores["machine"]}, this process {cores["load generator"]}");
        Assert.InRange(cores["steal"], 0, Environment.ProcessorCount);
    }

    [Fact]
    public async Task PostgresCpu_ClientBackendWork_CountedAsClients_AndStaysThereWhenTheBackendEnds()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"gpos-cpu-pg-{Guid.NewGuid():N}");
        var postgres = await LocalPostgres.StartAsync(directory, port: 0, allowInstall: true, _ => { }, CancellationToken.None);
        try
        {
            var cpu = new PostgresCpu(Path.Combine(directory, "pgdata"));
            var idle = Read(cpu);
            Assert.Equal(["pg autovacuum", "pg clients", "pg other", "postgres"], idle.Keys.Order(StringComparer.Ordinal));

            int backend;
            await using (var connection = new NpgsqlConnection(postgres.AdminConnectionString))
            {
                await connection.OpenAsync();
                await using (var pid = new NpgsqlCommand("SELECT pg_backend_pid()", connection))
                {
                    backend = (int)(await pid.ExecuteScalarAsync())!;
                }

                await using var burn = new NpgsqlCommand("SELECT sum(i) FROM generate_series(1, 4000000) i", connection);
                await burn.ExecuteScalarAsync();
                var busy = Read(cpu);

                Assert.True(busy["pg clients"] - idle["pg clients"] >= 0.1, $"clients {idle["pg clients"]} -> {busy["pg clients"]}");
                Assert.Equal(busy["pg clients"] + busy["pg autovacuum"] + busy["pg other"], busy["postgres"], 6);
                idle = busy;
            }

            // The backend exits with the connection (no pooling) and the postmaster reaps it: its CPU is now in the
            // postmaster's reaped-children time, yet it stays with the clients, and "pg other" does not take it.
            for (var i = 0; i < 100 && Directory.Exists($"/proc/{backend}"); i++)
            {
                await Task.Delay(50);
            }

            Assert.False(Directory.Exists($"/proc/{backend}"), "the backend did not end");
            var ended = Read(cpu);
            Assert.True(ended["pg clients"] >= idle["pg clients"], $"clients {idle["pg clients"]} -> {ended["pg clients"]}");
            Assert.True(ended["postgres"] >= idle["postgres"], $"total {idle["postgres"]} -> {ended["postgres"]}");
            Assert.True(ended["pg other"] - idle["pg other"] < 0.05, $"other {idle["pg other"]} -> {ended["pg other"]}");
        }
        finally
        {
            await postgres.StopAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void PostgresCpu_NoPostmaster_Nothing() =>
        Assert.Empty(new PostgresCpu(Path.Combine(Path.GetTempPath(), $"gpos-no-pg-{Guid.NewGuid():N}")).Sample());

    private static Dictionary<string, double> Read(PostgresCpu cpu) =>
        cpu.Sample().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
