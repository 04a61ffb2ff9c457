using System.Diagnostics;

namespace Gpos.Api.Hosting;

/// <summary>
/// Where the API's start goes (issue 11 asks for start to ready ≤ 3 s): from process start, the runtime until
/// <c>Main</c>, building the host, migrations and start-up tasks, and starting the listeners. Logged once, at
/// Information, when the host listens. Created before the host (so before its services): the clock is passed in.
/// </summary>
internal sealed class StartupTimeline
{
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _processStarted;
    private readonly long _main;
    private long _built;
    private long _prepared;

    private StartupTimeline(TimeProvider clock, DateTimeOffset processStarted, long main)
    {
        _clock = clock;
        _processStarted = processStarted;
        _main = main;
    }

    public static StartupTimeline Begin(TimeProvider clock)
    {
        using var process = Process.GetCurrentProcess();
        return new StartupTimeline(clock, process.StartTime.ToUniversalTime(), clock.GetTimestamp());
    }

    public void Built() => _built = _clock.GetTimestamp();

    public void Prepared() => _prepared = _clock.GetTimestamp();

    public void Listening(IServiceProvider services)
    {
        var listening = _clock.GetTimestamp();
        var total = _clock.GetUtcNow() - _processStarted;
        services.GetRequiredService<ILoggerFactory>().CreateLogger("Gpos.Api.Startup").LogInformation(
            "Listening {TotalMs:0} ms after process start: runtime to Main {RuntimeMs:0} ms, host built {BuildMs:0} ms, "
            + "migrations and start-up tasks {PrepareMs:0} ms, listeners started {ListenMs:0} ms",
            total.TotalMilliseconds, (total - _clock.GetElapsedTime(_main, listening)).TotalMilliseconds,
            _clock.GetElapsedTime(_main, _built).TotalMilliseconds, _clock.GetElapsedTime(_built, _prepared).TotalMilliseconds,
            _clock.GetElapsedTime(_prepared, listening).TotalMilliseconds);
    }
}
