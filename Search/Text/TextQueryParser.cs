using System.Globalization;
using SampleMind.Search.Filters;

namespace SampleMind.Search.Text;

/// <summary>
/// Turns a free-text query such as "dark punchy 808 loop 140 bpm in F minor, no clipping" into filters, descriptor
/// preferences and name/path terms. Never fails: a word it does not know becomes a name/path term.
/// </summary>
/// <remarks>
/// Vocabulary (full list in docs/search-query-language.md):
/// <list type="bullet">
/// <item>Keys: a note (C, C#, Db … B; ♯/♭ accepted) with "major", "minor", "maj", "min" or the suffix "m"
/// ("F minor", "Fm", "F#min"), or a Camelot code ("8A", "12B"). A bare note ("C") or a lowercase
/// "fm"/"am" (or all-capital "FM") counts as a key only after "in" or "key", or before a mode word, so "a loop" and
/// "FM bass" stay words.</item>
/// <item>Tempo: "140 bpm", "140bpm", "bpm 140", "bpm 120-130", "120-130 bpm", "tempo 90"; matched with a 2 %
/// tolerance and half/double time.</item>
/// <item>Type: loop(s); one-shot(s), oneshot, one shot, hit(s), shot(s).</item>
/// <item>Duration: "short" (≤ 1 s), "long" (≥ 4 s), "under|below|shorter than|less than 2s", "over|above|longer than|more than 4 s";
/// units s, sec, seconds, ms.</item>
/// <item>Descriptors (ranking, not filtering): bright, dark, warm, cold, noisy, clean, punchy, soft, distorted,
/// saturated, sub-heavy, wide, mono-compatible, tight, airy, crisp, lofi, aggressive, smooth, deep, heavy, wet, dry,
/// vintage, atmospheric, and their synonyms.</item>
/// <item>Negation: "no", "without", "not", "non", "exclude", "minus" before a defect (clipping, dc offset, noise,
/// silence, clicks) excludes the defect; before a descriptor ranks it down; before any other word excludes samples
/// whose name, path or tags contain it; before a key, tempo or duration it drops that phrase (no filter has its
/// opposite). Repeated negation words and stop words between a negation and its word are skipped; a negation with no
/// word left to negate is skipped like a stop word.</item>
/// <item>Classes: kick, snare, hihat, clap, bass, 808, pad, vocal, fx, perc, cymbal, tom, synth, lead, chord, piano,
/// guitar, strings, brass, pluck, arp, drums, riser, impact, melody, each with synonyms (hihat ~ hi-hat ~ hh ~ hat).</item>
/// </list>
/// </remarks>
public static class TextQueryParser
{
    private static readonly char[] s_separators = [' ', '\t', '\n', '\r', ',', ';', '!', '?', '(', ')', '[', ']', '{', '}', '"'];

    /// <summary>
    /// Parses <paramref name="text"/>; an empty text gives an empty query. The text is normalised as names are
    /// (<see cref="NameTokenizer.Normalize"/>), so that fullwidth or decomposed words read as their plain spelling.
    /// </summary>
    public static TextQuery Parse(string? text)
    {
        var tokens = Tokenize(NameTokenizer.Normalize(text ?? string.Empty));
        var state = new ParseState();
        var i = 0;
        while (i < tokens.Count)
        {
            i += ParseAt(tokens, i, state);
        }

        return state.ToQuery(text ?? string.Empty);
    }

    private static List<(string Raw, string Lower)> Tokenize(string text)
    {
        var tokens = new List<(string Raw, string Lower)>();
        foreach (var part in text.Split(s_separators, StringSplitOptions.RemoveEmptyEntries))
        {
            // Single quotes around a word ('kick') are read as double quotes are, which separate words.
            var raw = part.Trim('\'').TrimEnd('.', ':').Replace('♯', '#').Replace('♭', 'b');
            if (raw.Length > 0)
            {
                tokens.Add((raw, raw.ToLowerInvariant()));
            }
        }

        return tokens;
    }

    /// <summary>Consumes the tokens at <paramref name="i"/>; returns how many it used (at least one).</summary>
    private static int ParseAt(List<(string Raw, string Lower)> t, int i, ParseState state)
    {
        var word = t[i].Lower;
        var next = i + 1 < t.Count ? t[i + 1].Lower : null;
        var pair = next is null ? null : word + " " + next;
        if (Vocabulary.Negations.Contains(word))
        {
            return ParseNegation(t, i, state);
        }

        if (TempoParser.TryParse(t, i, out var bpm, out var used))
        {
            state.Filter = state.Filter with { MinBpm = bpm.Min, MaxBpm = bpm.Max };
            return used;
        }

        if (DurationParser.TryParse(t, i, state, out used) || TryParseKey(t, i, state, out used))
        {
            return used;
        }

        if (pair is not null && TryPhrase(pair, state))
        {
            return 2;
        }

        // A word with no letter or digit ("-", "---") has no word a name could match: skipped as a stop word is.
        if (TryPhrase(word, state) || Vocabulary.StopWords.Contains(word) || NameTokenizer.Tokenize(word).Count == 0)
        {
            return 1;
        }

        state.AddTerm(Vocabulary.ClassTerm(word) ?? new QueryTerm(word, [word]));
        return 1;
    }

    /// <summary>Descriptors, types and class words, single or two-word.</summary>
    private static bool TryPhrase(string phrase, ParseState state)
    {
        if (Vocabulary.Types.TryGetValue(phrase, out var type))
        {
            state.Filter = state.Filter with { Type = type == "loop" ? SampleType.Loop : SampleType.OneShot };
            return true;
        }

        if (Vocabulary.Descriptors.TryGetValue(phrase, out var descriptor))
        {
            state.Prefer(descriptor);
            return true;
        }

        if (phrase.Contains(' ', StringComparison.Ordinal) && Vocabulary.ClassTerm(phrase.Replace(" ", "-", StringComparison.Ordinal)) is { } term)
        {
            state.AddTerm(term);
            return true;
        }

        return false;
    }

    /// <summary>
    /// A negation at <paramref name="i"/> applies to the first word after it that is neither a negation word nor a stop
    /// word: "not not kick" is "not kick", "no a kick" is "no kick". With no such word after it ("not", "not not not",
    /// "kick not") it negates nothing and is skipped as a stop word is: a negation word is never a name term.
    /// </summary>
    private static int ParseNegation(List<(string Raw, string Lower)> t, int i, ParseState state)
    {
        var target = i + 1;
        while (target < t.Count && (Vocabulary.Negations.Contains(t[target].Lower) || Vocabulary.StopWords.Contains(t[target].Lower)))
        {
            target++;
        }

        if (target == t.Count)
        {
            return target - i;
        }

        // A key, tempo or duration has no opposite a filter could take ("not in F minor", "no 140 bpm"): the phrase is
        // read, on a state of its own, and dropped, neither required nor its words excluded as names.
        var scratch = new ParseState();
        if (TempoParser.TryParse(t, target, out _, out var used) || DurationParser.TryParse(t, target, scratch, out used)
            || TryParseKey(t, target, scratch, out used))
        {
            return target - i + used;
        }

        return target - i + ParseNegated(t, target, state);
    }

    private static int ParseNegated(List<(string Raw, string Lower)> t, int i, ParseState state)
    {
        var word = t[i].Lower;
        var pair = i + 1 < t.Count ? word + " " + t[i + 1].Lower : null;
        foreach (var (phrase, used) in new[] { (pair, 2), (word, 1) })
        {
            if (phrase is null)
            {
                continue;
            }

            if (Vocabulary.Defects.TryGetValue(phrase, out var defects))
            {
                foreach (var defect in defects)
                {
                    state.ExcludeDefect(defect);
                }

                return used;
            }

            if (Vocabulary.Descriptors.TryGetValue(phrase, out var descriptor))
            {
                state.Avoid(descriptor);
                return used;
            }
        }

        // A sample type: "no loops" asks for one-shots, "not one shot" for loops.
        foreach (var (phrase, used) in new[] { (pair, 2), (word, 1) })
        {
            if (phrase is not null && Vocabulary.Types.TryGetValue(phrase, out var type))
            {
                state.Filter = state.Filter with { Type = type == "loop" ? SampleType.OneShot : SampleType.Loop };
                return used;
            }
        }

        // A two-word class ("hi hat") is excluded whole, not its first word with the second then asked for.
        if (pair is not null && Vocabulary.ClassTerm(pair.Replace(' ', '-')) is { } phraseTerm)
        {
            state.ExcludeTerm(phraseTerm);
            return 2;
        }

        state.ExcludeTerm(Vocabulary.ClassTerm(word) ?? new QueryTerm(word, [word]));
        return 1;
    }

    private static bool TryParseKey(List<(string Raw, string Lower)> t, int i, ParseState state, out int used)
    {
        used = 0;
        var (raw, lower) = t[i];
        // "in C", "key C", and with "of" or "the" between: "key of C", "in the key of C".
        var before = i - 1;
        while (before >= 0 && t[before].Lower is "of" or "the")
        {
            before--;
        }

        var context = before >= 0 && t[before].Lower is "in" or "key";
        if (CamelotKey.TryParseCamelot(lower, out var key))
        {
            used = 1;
        }
        else if (i + 1 < t.Count && Vocabulary.ModeWords.Contains(t[i + 1].Lower)
            && CamelotKey.TryParseNamed(raw + t[i + 1].Lower, out key))
        {
            used = 2;
        }
        else if (CamelotKey.TryParseNamed(raw, out key) && IsUnambiguousKey(raw, context))
        {
            used = 1;
        }

        if (used > 0)
        {
            state.Filter = state.Filter with { Key = key };
        }

        return used > 0;
    }

    /// <summary>"F#m", "Fm", "Ebmin" and a note with an accidental ("C#", "Bb") stand alone; "a", "fm", "c" need "in"/"key" before them.</summary>
    private static bool IsUnambiguousKey(string raw, bool context) =>
        context || raw.Contains('#', StringComparison.Ordinal)
        || (raw.Length >= 2 && char.IsUpper(raw[0]) && raw.AsSpan(1).ContainsAnyInRange('a', 'z'));

    internal static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0;
}
