using System.Text.RegularExpressions;

namespace SampleMind.Api;

/// <summary>
/// Cuts API key secrets out of everything the host logs, whatever the log's provider and format (the console's simple,
/// json or systemd format, OpenTelemetry's exporter): <c>smk_{keyId}_{secret}</c> is written <c>smk_{keyId}_[redacted]</c>
/// in messages, in the values of structured state and in exceptions. Keys are refused in URLs, but a client that puts
/// one there anyway would otherwise have it written by the request log ("Request starting ... ?access_token=smk_...")
/// once an operator turns that log on. The host's logger factory is wrapped, so its filters work as configured.
/// </summary>
internal static partial class ApiKeyRedaction
{
    /// <summary>Wraps the host's <see cref="ILoggerFactory"/>: every logger it creates redacts what it passes on.</summary>
    public static void RedactApiKeysInLogs(this IServiceCollection services)
    {
        services.AddSingleton<LoggerFactory>();
        services.AddSingleton<ILoggerFactory>(sp => new RedactingLoggerFactory(sp.GetRequiredService<LoggerFactory>()));
    }

    /// <summary>A token: the prefix, 16 hex digits of key id, and a base64url secret (which may itself hold '_').</summary>
    [GeneratedRegex("(smk_[0-9a-f]{16}_)[A-Za-z0-9_-]+")]
    private static partial Regex Token();

    public static string Redact(string text) =>
        text.Contains("smk_", StringComparison.Ordinal) ? Token().Replace(text, "$1[redacted]") : text;

    private sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        // The container disposes the inner factory, which it created.
        public void Dispose()
        {
        }
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var passed = exception is not null && exception.ToString().Contains("smk_", StringComparison.Ordinal)
                ? new RedactedException(exception)
                : exception;
            inner.Log(logLevel, eventId, new RedactedState<TState>(state), passed, (s, _) => Redact(formatter(s.State, exception)));
        }
    }

    /// <summary>A log entry's state with its values redacted, as structured formats and exporters read it.</summary>
    private sealed class RedactedState<TState>(TState state) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly IReadOnlyList<KeyValuePair<string, object?>> _values =
            state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];

        public TState State { get; } = state;

        public int Count => _values.Count;

        public KeyValuePair<string, object?> this[int index] => new(_values[index].Key, RedactValue(_values[index].Value));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Redact(State?.ToString() ?? "");

        private static object? RedactValue(object? value) => value switch
        {
            null or bool or int or long or double or float or decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Enum => value,
            string text => Redact(text),
            _ when value.ToString() is { } text && text.Contains("smk_", StringComparison.Ordinal) => Redact(text),
            _ => value,
        };
    }

    /// <summary>An exception whose text held a token: its type name, message and stack, redacted.</summary>
    private sealed class RedactedException(Exception original) : Exception(Redact(original.Message))
    {
        private readonly string _text = Redact(original.ToString());

        public override string ToString() => _text;
    }
}
