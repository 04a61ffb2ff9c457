using System.Diagnostics;

namespace Gpos.Api.Hosting;

/// <summary>
/// Where the API's start goes (issue 11 asks for start to ready ≤ 3 s): from process start, the runtime until
/// <c>Main</c>, building the host, migrations and start-up tasks, and starting the listeners. Logged once, at
/// Information, when the host listens.
/// </summary>
internal sealed class StartupTimeline
{
    private readonly DateTime _processStartedUtc;
    private readonly long _main;
    private long _built;
    private long _prepared;

    private StartupTimeline(DateTime processStartedUtc, long main)
    {
        _processStartedUtc = processStartedUtc;
        _main = main;
    }

    public static StartupTimeline Begin()
    {
        using var process = Process.GetCurrentProcess();
        return new StartupTimeline(process.StartTime.ToUniversalTime(), Stopwatch.GetTimestamp());
    }

    public void Built() => _built = Stopwatch.GetTimestamp();

    public void Prepared() => _prepared = Stopwatch.GetTimestamp();

    public void Listening(IServiceProvider services)
    {
        var listening = Stopwatch.GetTimestamp();
        var runtime = DateTime.UtcNow - _processStartedUtc - Stopwatch.GetElapsedTime(_main, listening);
        services.GetRequiredService<ILoggerFactory>().CreateLogger("Gpos.Api.Startup").LogInformation(
            "Listening {TotalMs:0} ms after process start: runtime to Main {RuntimeMs:0} ms, host built {BuildMs:0} ms, "
            + "migrations and start-up tasks {PrepareMs:0} ms, listeners started {ListenMs:0} ms",
            (DateTime.UtcNow - _processStartedUtc).TotalMilliseconds, runtime.TotalMilliseconds,
            Stopwatch.GetElapsedTime(_main, _built).TotalMilliseconds, Stopwatch.GetElapsedTime(_built, _prepared).TotalMilliseconds,
            Stopwatch.GetElapsedTime(_prepared, listening).TotalMilliseconds);
    }
}
