namespace SampleMind.Search.Text;

/// <summary>Reads "140 bpm", "140bpm", "bpm 140", "bpm 120-130", "120-130 bpm", "tempo 90".</summary>
internal static class TempoParser
{
    public static bool TryParse(List<(string Raw, string Lower)> t, int i, out (double Min, double Max) bpm, out int used)
    {
        var word = t[i].Lower;
        var next = i + 1 < t.Count ? t[i + 1].Lower : null;
        used = 0;
        if (word.EndsWith("bpm", StringComparison.Ordinal) && word.Length > 3 && TryRange(word[..^3], out bpm))
        {
            used = 1;
        }
        else if (next == "bpm" && TryRange(word, out bpm))
        {
            used = 2;
        }
        else if (word is "bpm" or "tempo" && next is not null && TryRange(next, out bpm))
        {
            used = 2;
        }
        else
        {
            bpm = default;
        }

        return used > 0;
    }

    private static bool TryRange(string text, out (double Min, double Max) bpm)
    {
        bpm = default;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            if (!TextQueryParser.TryNumber(text, out var single) || single > 999)
            {
                return false;
            }

            bpm = (single, single);
            return true;
        }

        if (!TextQueryParser.TryNumber(text[..dash], out var low) || !TextQueryParser.TryNumber(text[(dash + 1)..], out var high))
        {
            return false;
        }

        bpm = (Math.Min(low, high), Math.Max(low, high));
        return true;
    }
}
