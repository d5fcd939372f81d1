using System.Globalization;
using SampleMind.Grains.Abstractions.Ingest;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// The CSV form of job results (RFC 4180 quoting; lists joined with ';'). A text cell that starts with '=', '+', '-',
/// '@', a tab or a carriage return gets a leading apostrophe, so that a spreadsheet opening the file shows a file named
/// <c>=HYPERLINK(...).wav</c> as text instead of running it as a formula (OWASP's advice on CSV injection).
/// </summary>
internal static class ResultCsv
{
    public const string Header = "path,outcome,sample_id,duplicate_of,duration_s,bpm,key,camelot,type,lufs,tags,defects,error";

    public static string Format(JobResultRow row)
    {
        var s = row.Sample;
        return string.Join(',',
            Quote(row.Path), row.Outcome, Quote(s?.SampleId), Quote(s?.DuplicateOf),
            Number(s?.DurationSeconds, "0.######"), Number(s?.Bpm), Quote(s?.Key), Quote(s?.Camelot), Quote(s?.Type), Number(s?.Lufs),
            Quote(s is null ? null : string.Join(';', s.Tags)), Quote(s is null ? null : string.Join(';', s.Defects)), Quote(row.Error));
    }

    /// <summary>
    /// A number as the CSV shows it: three decimals, and a duration to the microsecond, so that a file the CSV shows at
    /// 3 s is one the duration filter takes at 3 s (a 3.000023 s file shown as "3" was left out by durationMax=3).
    /// </summary>
    private static string Number(double? value, string format = "0.###") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    private static string Quote(string? value)
    {
        if (value is null)
        {
            return "";
        }

        var text = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
