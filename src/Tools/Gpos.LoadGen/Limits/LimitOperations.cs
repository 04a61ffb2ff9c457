using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Gpos.DevTools;
using Gpos.LoadGen.Running;
using Gpos.LoadGen.Scenarios;
using Npgsql;

namespace Gpos.LoadGen.Limits;

/// <summary>The operations of the three limits, measured by the same runner, concurrency and terminals as the scenarios.</summary>
internal static class LimitOperations
{
    /// <summary>(a) A request on the terminal's own keep-alive mTLS connections to the bare endpoint.</summary>
    public static Operation BareRequest(TerminalFleet fleet, BareMtlsEndpoint endpoint) => async (context, cancellationToken) =>
    {
        using var response = await fleet.For(context.Worker).Http.GetAsync(endpoint.BaseAddress, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? OperationResult.Ok : OperationResult.Fail($"HTTP {(int)response.StatusCode}");
    };

    /// <summary>(c) A full handshake each time: TCP connect, TLS 1.3 with the terminal's certificate, GET, close.</summary>
    public static Operation FullHandshake(TerminalFleet fleet, BareMtlsEndpoint endpoint, DevPki pki)
    {
        var root = pki.LoadRootCa();
        var issuing = X509Certificate2.CreateFromPem(File.ReadAllText(pki.IssuingCertificatePath));
        var certificates = fleet.Terminals.Select(t => X509Certificate2.CreateFromPemFile(t.CertificatePath, t.PrivateKeyPath)).ToArray();
        var request = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        return async (context, cancellationToken) =>
        {
            using var tcp = new TcpClient { NoDelay = true };
            await tcp.ConnectAsync(IPAddress.Loopback, endpoint.Port, cancellationToken);
            await using var tls = new SslStream(tcp.GetStream());
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = [certificates[context.Worker % certificates.Length]],
                RemoteCertificateValidationCallback = (_, server, _, _) => server is X509Certificate2 leaf && DevTrust.ChainsToRoot(leaf, root, issuing),
            }, cancellationToken);
            await tls.WriteAsync(request, cancellationToken);
            var buffer = new byte[1024];
            var read = 0;
            int n;
            // Keep the status line; the rest of the answer overwrites the second half of the buffer.
            while ((n = await tls.ReadAsync(buffer.AsMemory(Math.Min(read, 512)), cancellationToken)) > 0)
            {
                read += n;
            }

            return read >= 12 && buffer[9] == (byte)'2' ? OperationResult.Ok : OperationResult.Fail("handshake: no 2xx answer");
        };
    }

    /// <summary>(b) One single-row INSERT committed (autocommit) into a scratch table on the same PostgreSQL.</summary>
    public static Operation RawInsert(NpgsqlDataSource dataSource) => async (context, cancellationToken) =>
    {
        await using var command = dataSource.CreateCommand("INSERT INTO loadgen_raw_inserts (writer, amount) VALUES ($1, $2)");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = context.Worker });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 100 + context.Sequence });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return OperationResult.Ok;
    };

    /// <summary>
    /// A scratch database on the same server (never GPOS's own) with the raw-insert table, and a pool sized for
    /// <paramref name="concurrency"/> writers.
    /// </summary>
    public static async Task<NpgsqlDataSource> ScratchDatabaseAsync(string adminConnectionString, int concurrency, CancellationToken cancellationToken)
    {
        const string database = "gpos_loadgen_scratch";
        var admin = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{database}'", connection);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var scratch = new NpgsqlConnectionStringBuilder(adminConnectionString)
        {
            Database = database, Pooling = true, MaxPoolSize = concurrency + 4, MaxAutoPrepare = 10,
        };
        var dataSource = NpgsqlDataSource.Create(scratch.ConnectionString);
        await using var table = dataSource.CreateCommand("""
            DROP TABLE IF EXISTS loadgen_raw_inserts;
            CREATE TABLE loadgen_raw_inserts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, writer int NOT NULL,
                                              amount bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
            """);
        await table.ExecuteNonQueryAsync(cancellationToken);
        return dataSource;
    }
}
