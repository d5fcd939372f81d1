namespace SampleMind.Search.Text;

/// <summary>Reads "short", "long", "under 2s", "less than 500 ms", "over 4 seconds", "longer than 3 sec".</summary>
internal static class DurationParser
{
    /// <summary>Upper bound in seconds that "short" stands for.</summary>
    public const double ShortSeconds = 1.0;

    /// <summary>Lower bound in seconds that "long" stands for.</summary>
    public const double LongSeconds = 4.0;

    public static bool TryParse(List<(string Raw, string Lower)> t, int i, ParseState state, out int used)
    {
        used = 0;
        var word = t[i].Lower;
        var next = i + 1 < t.Count ? t[i + 1].Lower : null;
        if (word == "short" && !IsComparative(next))
        {
            state.Filter = state.Filter with { MaxDurationSeconds = ShortSeconds };
            used = 1;
            return true;
        }

        if (word == "long" && !IsComparative(next))
        {
            state.Filter = state.Filter with { MinDurationSeconds = LongSeconds };
            used = 1;
            return true;
        }

        var (upper, words) = Bound(word, next);
        if (words == 0 || !TryValue(t, i + words, out var seconds, out var valueWords))
        {
            return false;
        }

        state.Filter = upper
            ? state.Filter with { MaxDurationSeconds = seconds }
            : state.Filter with { MinDurationSeconds = seconds };
        used = words + valueWords;
        return true;
    }

    private static bool IsComparative(string? next) => next == "than";

    /// <summary>Whether the words at the position bound from above, and how many words the bound takes.</summary>
    private static (bool Upper, int Words) Bound(string word, string? next) => (word, next) switch
    {
        ("under" or "below", _) => (true, 1),
        ("shorter" or "less", "than") => (true, 2),
        ("over" or "above", _) => (false, 1),
        ("longer" or "more", "than") => (false, 2),
        _ => (false, 0),
    };

    /// <summary>A duration "2s", "2 s", "2sec", "2 seconds", "500ms", "500 ms".</summary>
    private static bool TryValue(List<(string Raw, string Lower)> t, int i, out double seconds, out int used)
    {
        seconds = 0;
        used = 0;
        if (i >= t.Count)
        {
            return false;
        }

        var word = t[i].Lower;
        var digits = 0;
        while (digits < word.Length && (char.IsDigit(word[digits]) || word[digits] == '.'))
        {
            digits++;
        }

        if (digits == 0 || !TextQueryParser.TryNumber(word[..digits], out var value))
        {
            return false;
        }

        var unit = word[digits..];
        used = 1;
        if (unit.Length == 0 && i + 1 < t.Count)
        {
            unit = t[i + 1].Lower;
            used = 2;
        }

        double? scale = unit switch
        {
            "s" or "sec" or "secs" or "second" or "seconds" => 1.0,
            "ms" or "msec" or "milliseconds" => 0.001,
            _ => null,
        };
        if (scale is null)
        {
            return false;
        }

        seconds = value * scale.Value;
        return true;
    }
}
