using System.Globalization;
using System.Text;

namespace SampleMind.Search.Text;

/// <summary>
/// Splits names and paths into lowercase words at every non-alphanumeric character and at letter/digit
/// boundaries: "808Bass_Dark-01.wav" → 808, bass, dark, 01, wav. Text is first normalised (<see cref="Normalize"/>),
/// so that a name and a query spelled differently in Unicode but alike to the eye give the same words.
/// </summary>
public static class NameTokenizer
{
    /// <summary>The words of <paramref name="text"/>, normalised and lowercase, in order (duplicates kept).</summary>
    public static IReadOnlyList<string> Tokenize(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        text = Normalize(text);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var boundary = i == text.Length || !IsWordChar(text[i])
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

    /// <summary>
    /// <paramref name="text"/> as search compares it, the part of NFKC that names and queries need: a name uploaded from
    /// macOS, whose accents are separate combining marks (NFD), is composed (<see cref="Compositions"/>), and fullwidth
    /// letters, digits and signs ("ＫＩＣＫ", "１４０") become their ASCII forms. Done by hand because the hosts run with
    /// invariant globalization, where <see cref="string.Normalize()"/> changes nothing. Lowercasing is left to the caller.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var plain = c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                _ => c,
            };
            if (folded.Length > 0 && Compositions.TryCompose(folded[^1], plain, out var composed))
            {
                folded[^1] = composed;
            }
            else
            {
                folded.Append(plain);
            }
        }

        return folded.ToString();
    }

    /// <summary>A letter or digit, or a combining mark with no composed form that carries on the word before it.</summary>
    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>How many letters a name word may have beyond a query word it begins with: "ride" finds "rides", "rided", "rider".</summary>
    public const int MaxSuffixLetters = 3;

    /// <summary>The shortest query word a longer name word may begin with; shorter ones ("hh", "sd") match only whole words.</summary>
    public const int MinPrefixLength = 3;

    /// <summary>
    /// True when the words hold one of the term's synonyms, the synonym split into words as a name is: a word equals it
    /// or begins with it, at least <see cref="MinPrefixLength"/> letters, and has at most <see cref="MaxSuffixLetters"/>
    /// letters more (plurals and other endings: "kicks", "rided", "cymbals"); a synonym made of digits ("808") matches
    /// only the whole word. A synonym of several words ("808bd", "hardcore-bass-1", "BD0010.WAV") matches where its
    /// words follow each other in its order, each matched so, so that a name typed as it is listed finds its sample.
    /// </summary>
    public static bool Matches(IReadOnlyList<string> words, QueryTerm term)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(term);
        foreach (var synonym in term.SynonymWords)
        {
            for (var start = 0; synonym.Length > 0 && start + synonym.Length <= words.Count; start++)
            {
                if (MatchesAt(words, start, synonym))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool MatchesAt(IReadOnlyList<string> words, int start, string[] synonym)
    {
        for (var i = 0; i < synonym.Length; i++)
        {
            var word = words[start + i];
            if (word != synonym[i] && !BeginsWith(word, synonym[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool BeginsWith(string word, string synonym) =>
        synonym.Length >= MinPrefixLength
        && word.Length > synonym.Length
        && word.Length - synonym.Length <= MaxSuffixLetters
        && char.IsLetter(synonym[^1])
        && word.StartsWith(synonym, StringComparison.Ordinal);
}
