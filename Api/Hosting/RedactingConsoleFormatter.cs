using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace SampleMind.Api;

/// <summary>
/// The host's console log format (the simple format's layout: level, category and event id, then the message), with every
/// API key token's secret cut out of messages and exceptions: <c>smk_{keyId}_{secret}</c> is written
/// <c>smk_{keyId}_[redacted]</c>. Keys are refused in URLs, but a client that puts one there anyway would otherwise have it
/// written by the request log at Information ("Request starting ... ?access_token=smk_...") once an operator turns
/// that log on.
/// </summary>
internal sealed partial class RedactingConsoleFormatter(IOptionsMonitor<SimpleConsoleFormatterOptions> options)
    : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "samplemind";

    /// <summary>A token: the prefix, 16 hex digits of key id, and a base64url secret (which may itself hold '_').</summary>
    [GeneratedRegex("(smk_[0-9a-f]{16}_)[A-Za-z0-9_-]+")]
    private static partial Regex Token();

    public static string Redact(string text) => Token().Replace(text, "$1[redacted]");

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var settings = options.CurrentValue;
        if (settings.TimestampFormat is { } format)
        {
            var now = settings.UseUtcTimestamp ? DateTimeOffset.UtcNow : DateTimeOffset.Now;
            textWriter.Write(now.ToString(format, System.Globalization.CultureInfo.InvariantCulture));
        }

        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id);
        textWriter.WriteLine(']');
        if (!string.IsNullOrEmpty(message))
        {
            textWriter.Write("      ");
            textWriter.WriteLine(Redact(message).ReplaceLineEndings(Environment.NewLine + "      "));
        }

        if (logEntry.Exception is { } exception)
        {
            textWriter.WriteLine(Redact(exception.ToString()));
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
