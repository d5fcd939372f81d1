using Microsoft.Extensions.Logging;

namespace SampleMind.Scheduling.Tests.Infrastructure;

/// <summary>Collects what a queue logs, at every level, as (level, event id, message).</summary>
public sealed class LogCapture
{
    private readonly List<(LogLevel Level, int EventId, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, int EventId, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public ILogger<T> For<T>() => new Logger<T>(this);

    private void Add(LogLevel level, int eventId, string message)
    {
        lock (_entries)
        {
            _entries.Add((level, eventId, message));
        }
    }

    private sealed class Logger<T>(LogCapture capture) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Add(logLevel, eventId.Id, formatter(state, exception));
    }
}
