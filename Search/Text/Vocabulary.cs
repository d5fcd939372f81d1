namespace SampleMind.Search.Text;

/// <summary>
/// The words the query parser knows; docs/search-query-language.md lists them for users.
/// Every map goes from a spelling to its canonical word.
/// </summary>
internal static class Vocabulary
{
    /// <summary>Words ignored between meaningful ones.</summary>
    public static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "in", "with", "and", "of", "for", "at", "key", "some", "sample", "samples", "sound", "sounds",
        "me", "give", "find", "like", "that", "is", "please", "to", "or", "around", "about", "tempo",
    };

    /// <summary>Words that negate the next word or phrase.</summary>
    public static readonly HashSet<string> Negations = new(StringComparer.Ordinal) { "no", "without", "not", "non", "exclude", "minus" };

    /// <summary>Mode words following a note name.</summary>
    public static readonly HashSet<string> ModeWords = new(StringComparer.Ordinal) { "major", "minor", "maj", "min" };

    /// <summary>
    /// Defect kinds, each spelling to the kinds it excludes, named as analysis names them (<c>DefectKindNames</c>;
    /// Search.Tests checks the two agree): "silence" is silence at either end. "cut" alone is no defect word: "no cut"
    /// still excludes names with the word (a vocal cut), only "no cut short" a truncated file.
    /// </summary>
    public static readonly Dictionary<string, string[]> Defects = Build<string[]>(
        (["clipping"], ["clipping", "clip", "clipped", "clips"]),
        (["dc-offset"], ["dc-offset", "dc offset", "dc", "offset"]),
        (["noise-floor"], ["noise-floor", "noise floor", "noise", "hiss"]),
        (["leading-silence", "trailing-silence"], ["silence", "silent", "silences"]),
        (["leading-silence"], ["leading-silence", "leading silence"]),
        (["trailing-silence"], ["trailing-silence", "trailing silence"]),
        (["click"], ["click", "clicks", "clicking", "pops", "pop"]),
        (["phase-problem"], ["phase-problem", "phase problem", "phase problems", "phase"]),
        (["very-low-level"], ["very-low-level", "low level", "low-level"]),
        (["invalid-samples"], ["invalid-samples", "invalid samples"]),
        (["truncated"], ["truncated", "truncation", "cut short"]));

    /// <summary>Descriptors that rank results (from descriptor tags and feature strengths).</summary>
    public static readonly Dictionary<string, string> Descriptors = Build<string>(
        ("bright", ["bright", "brilliant", "shiny"]),
        ("dark", ["dark", "darker", "murky"]),
        ("warm", ["warm", "warmer"]),
        ("cold", ["cold", "icy"]),
        ("noisy", ["noisy"]),
        ("clean", ["clean"]),
        ("punchy", ["punchy", "punch", "snappy"]),
        ("soft", ["soft", "gentle"]),
        ("distorted", ["distorted", "distortion", "dirty", "gritty"]),
        ("saturated", ["saturated", "saturation"]),
        ("sub-heavy", ["sub-heavy", "sub heavy", "subby", "sub"]),
        ("wide", ["wide", "stereo", "spacious"]),
        ("mono-compatible", ["mono-compatible", "mono compatible", "mono"]),
        ("tight", ["tight"]),
        ("airy", ["airy", "breathy"]),
        ("crisp", ["crisp", "crispy"]),
        ("lofi", ["lofi", "lo-fi", "lo fi"]),
        ("aggressive", ["aggressive", "hard", "harsh"]),
        ("smooth", ["smooth", "silky"]),
        ("deep", ["deep"]),
        ("heavy", ["heavy", "fat", "thick"]),
        ("wet", ["wet"]),
        ("dry", ["dry"]),
        ("vintage", ["vintage", "retro", "analog", "analogue"]),
        ("atmospheric", ["atmospheric", "ambient", "dreamy"]));

    /// <summary>Instrument and class words, matched in names and paths with their synonyms.</summary>
    public static readonly Dictionary<string, string[]> Classes = new(StringComparer.Ordinal)
    {
        ["kick"] = ["kick", "kicks", "kik", "kck", "bd", "bassdrum"],
        ["snare"] = ["snare", "snares", "snr", "sd"],
        ["hihat"] = ["hihat", "hihats", "hi-hat", "hh", "hat", "hats"],
        ["clap"] = ["clap", "claps", "clp", "handclap"],
        ["bass"] = ["bass", "bassline", "basses"],
        ["808"] = ["808", "808s"],
        ["pad"] = ["pad", "pads"],
        ["vocal"] = ["vocal", "vocals", "vox", "voice", "acapella"],
        ["fx"] = ["fx", "sfx", "effect", "effects"],
        ["perc"] = ["perc", "percs", "percussion", "shaker", "conga", "bongo"],
        ["cymbal"] = ["cymbal", "cymbals", "crash", "ride", "cym"],
        ["tom"] = ["tom", "toms"],
        ["synth"] = ["synth", "synths", "syn"],
        ["lead"] = ["lead", "leads"],
        ["chord"] = ["chord", "chords", "stab", "stabs"],
        ["piano"] = ["piano", "keys", "rhodes"],
        ["guitar"] = ["guitar", "guitars", "gtr"],
        ["strings"] = ["strings", "string"],
        ["brass"] = ["brass", "horn", "horns"],
        ["pluck"] = ["pluck", "plucks"],
        ["arp"] = ["arp", "arps", "arpeggio"],
        ["drums"] = ["drums", "drum", "beat", "beats", "groove", "break", "breakbeat"],
        ["riser"] = ["riser", "risers", "uplifter", "sweep"],
        ["impact"] = ["impact", "impacts", "hit-fx", "boom"],
        ["melody"] = ["melody", "melodies", "melodic", "hook"],
    };

    /// <summary>Sample-type words.</summary>
    public static readonly Dictionary<string, string> Types = Build<string>(
        ("loop", ["loop", "loops"]),
        ("one-shot", ["one-shot", "one-shots", "oneshot", "oneshots", "one shot", "hit", "hits", "shot", "shots"]));

    private static readonly Dictionary<string, string[]> s_classIndex = BuildClassIndex();

    /// <summary>The synonyms of the class a spelling belongs to, or null.</summary>
    public static QueryTerm? ClassTerm(string word) =>
        s_classIndex.TryGetValue(word, out var entry) ? new QueryTerm(entry[0], entry[1..]) : null;

    private static Dictionary<string, T> Build<T>(params (T Canonical, string[] Spellings)[] entries)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (canonical, spellings) in entries)
        {
            foreach (var spelling in spellings)
            {
                map[spelling] = canonical;
            }
        }

        return map;
    }

    private static Dictionary<string, string[]> BuildClassIndex()
    {
        var index = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (canonical, synonyms) in Classes)
        {
            string[] entry = [canonical, .. synonyms];
            foreach (var synonym in synonyms)
            {
                index[synonym] = entry;
            }
        }

        return index;
    }
}
