using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Gpos.Testing;

/// <summary>
/// The API as a separate operating-system process (<c>dotnet Gpos.Api.dll</c> from the test's output folder), for
/// scenarios an in-process host cannot play: kill -9 in the middle of a request, restart on the same database.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ApiProcess(Process process, int mtlsPort, int bootstrapPort)
    {
        _process = process;
        MtlsPort = mtlsPort;
        BootstrapPort = bootstrapPort;
    }

    public int MtlsPort { get; }

    public int BootstrapPort { get; }

    public Uri MtlsBase => new($"https://localhost:{MtlsPort}");

    public Uri BootstrapBase => new($"https://localhost:{BootstrapPort}");

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote (for a failing test's message).</summary>
    public string RecentOutput => string.Join('\n', _output.TakeLast(40));

    /// <summary>Starts the API on <paramref name="database"/> and waits until /health/ready answers 200.</summary>
    public static async Task<ApiProcess> StartAsync(TestDatabase database, IDictionary<string, string?> settings,
        int? mtlsPort = null, int? bootstrapPort = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var mtls = mtlsPort ?? GposTestHost.FreePort();
        var bootstrap = bootstrapPort ?? GposTestHost.FreePort();
        var configuration = GposTestHost.BaseSettings(database, mtls, bootstrap);
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Gpos.Api.dll"));
        start.ArgumentList.Add("--environment=Development");
        start.ArgumentList.Add("--contentRoot=" + AppContext.BaseDirectory);
        foreach (var (key, value) in configuration)
        {
            start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--{key}={value}"));
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var api = new ApiProcess(process, mtls, bootstrap);
        process.OutputDataReceived += (_, e) => api.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => api.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await api.WaitReadyAsync(TimeSpan.FromSeconds(60));
        return api;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, in-flight requests cut mid-way.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var client = TestHttp.Create(BootstrapBase, null);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {_process.ExitCode} while starting:\n{RecentOutput}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The API was not ready within {timeout}:\n{RecentOutput}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }
}
