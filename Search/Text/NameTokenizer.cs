namespace SampleMind.Search.Text;

/// <summary>
/// Splits names and paths into lowercase words at every non-alphanumeric character and at letter/digit
/// boundaries: "808Bass_Dark-01.wav" → 808, bass, dark, 01, wav.
/// </summary>
public static class NameTokenizer
{
    /// <summary>The words of <paramref name="text"/>, lowercase, in order (duplicates kept).</summary>
    public static IReadOnlyList<string> Tokenize(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var boundary = i == text.Length || !char.IsLetterOrDigit(text[i])
                || (start >= 0 && char.IsDigit(text[i]) != char.IsDigit(text[start]));
            if (boundary && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }

            if (i < text.Length && char.IsLetterOrDigit(text[i]) && start < 0)
            {
                start = i;
            }
        }

        return words;
    }

    /// <summary>True when a word equals one of the term's synonyms, or a synonym plus a plural "s".</summary>
    public static bool Matches(IReadOnlyList<string> words, QueryTerm term)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(term);
        foreach (var word in words)
        {
            foreach (var synonym in term.Synonyms)
            {
                if (word == synonym || (word.Length == synonym.Length + 1 && word[^1] == 's' && word.StartsWith(synonym, StringComparison.Ordinal)))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
