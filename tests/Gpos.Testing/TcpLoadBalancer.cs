using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Gpos.Testing;

/// <summary>
/// HAProxy (Debian's package) in TCP mode in front of several GPOS instances: TLS passes through untouched, so mTLS
/// stays end to end, and each new connection goes to the next instance (round robin). Installed with apt-get when
/// missing and the tests run as root, as the local PostgreSQL is.
/// </summary>
public sealed class TcpLoadBalancer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private TcpLoadBalancer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"https://localhost:{Port}");

    public static async Task<TcpLoadBalancer> StartAsync(IReadOnlyList<int> backendPorts)
    {
        ArgumentNullException.ThrowIfNull(backendPorts);
        var haproxy = await FindOrInstallAsync();
        var port = GposTestHost.FreePort();
        var directory = Directory.CreateTempSubdirectory("gpos-haproxy-").FullName;
        var config = Path.Combine(directory, "haproxy.cfg");
        var servers = string.Join('\n', backendPorts.Select((p, i) =>
            string.Create(CultureInfo.InvariantCulture, $"    server gpos{i} 127.0.0.1:{p}")));
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            global
                maxconn 2000
            defaults
                mode tcp
                timeout connect 5s
                timeout client 60s
                timeout server 60s
            frontend mtls
                bind 127.0.0.1:{port}
                default_backend gpos
            backend gpos
                balance roundrobin
            {servers}

            """));
        var start = new ProcessStartInfo(haproxy) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-db", "-f", config })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("haproxy did not start.");
        var balancer = new TcpLoadBalancer(process, directory, port);
        await balancer.WaitListeningAsync();
        return balancer;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitListeningAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("haproxy exited: " + await _process.StandardError.ReadToEndAsync());
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException("haproxy did not listen on port " + Port);
    }

    private static async Task<string> FindOrInstallAsync()
    {
        foreach (var candidate in new[] { "/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("haproxy not found: install Debian's haproxy package (apt-get install haproxy).");
        }

        var install = new ProcessStartInfo("apt-get") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "install", "-y", "-qq", "haproxy" })
        {
            install.ArgumentList.Add(argument);
        }

        install.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(install)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 && File.Exists("/usr/sbin/haproxy")
            ? "/usr/sbin/haproxy"
            : throw new InvalidOperationException("apt-get install haproxy failed: " + await errors);
    }
}
