using System.Globalization;
using System.Text;

namespace SampleMind.Api.Metrics;

/// <summary>Writes the collected series in the Prometheus text exposition format (version 0.0.4).</summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(MetricsCollector collector)
    {
        var text = new StringBuilder();
        foreach (var group in collector.Sums.GroupBy(s => s.Key.Instrument).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First().Key;
            var counter = first.Kind == "Counter" || first.Kind == "ObservableCounter";
            var name = Name(first.Instrument) + (counter ? "_total" : "");
            Header(text, name, first, counter ? "counter" : "gauge");
            foreach (var (key, series) in group)
            {
                Line(text, name, key.Tags, null, series.Value);
            }
        }

        foreach (var group in collector.Histograms.GroupBy(s => s.Key.Instrument).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First().Key;
            var name = Name(first.Instrument);
            Header(text, name, first, "histogram");
            foreach (var (key, series) in group)
            {
                var counts = series.Buckets();
                long cumulative = 0;
                for (var i = 0; i < counts.Length; i++)
                {
                    cumulative += counts[i];
                    var le = i < MetricsCollector.s_buckets.Length ? Number(MetricsCollector.s_buckets[i]) : "+Inf";
                    Line(text, name + "_bucket", key.Tags, le, cumulative);
                }

                Line(text, name + "_sum", key.Tags, null, series.Sum);
                Line(text, name + "_count", key.Tags, null, series.Count);
            }
        }

        return text.ToString();
    }

    /// <summary>"samplemind.grain.calls" → "samplemind_grain_calls".</summary>
    public static string Name(string instrument)
    {
        var name = new StringBuilder(instrument.Length);
        foreach (var c in instrument)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return name.ToString();
    }

    private static void Header(StringBuilder text, string name, SeriesKey key, string type)
    {
        if (!string.IsNullOrEmpty(key.Description))
        {
            text.Append("# HELP ").Append(name).Append(' ').AppendLine(key.Description.ReplaceLineEndings(" "));
        }

        text.Append("# TYPE ").Append(name).Append(' ').AppendLine(type);
    }

    private static void Line(StringBuilder text, string name, IReadOnlyList<KeyValuePair<string, string>> tags, string? le, double value)
    {
        text.Append(name);
        if (tags.Count > 0 || le is not null)
        {
            text.Append('{');
            var first = true;
            foreach (var (key, tagValue) in tags)
            {
                text.Append(first ? "" : ",").Append(Name(key)).Append("=\"").Append(Escape(tagValue)).Append('"');
                first = false;
            }

            if (le is not null)
            {
                text.Append(first ? "" : ",").Append("le=\"").Append(le).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').AppendLine(Number(value));
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
