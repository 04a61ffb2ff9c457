using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Gpos.Testing;

/// <summary>Captures every log event the host writes, rendered exactly as the console sink renders it (JSON).</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly RenderedCompactJsonFormatter _formatter = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public string All => string.Join('\n', _lines);

    /// <summary>
    /// Waits until a line satisfies <paramref name="predicate"/> (request logging writes after the response is sent,
    /// so a test may otherwise look before the line exists). Returns false after the timeout.
    /// </summary>
    public async Task<bool> WaitForAsync(Func<string, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_lines.Any(predicate))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return _lines.Any(predicate);
    }

    public void Emit(LogEvent logEvent)
    {
        using var writer = new StringWriter();
        _formatter.Format(logEvent, writer);
        _lines.Enqueue(writer.ToString());
    }
}
