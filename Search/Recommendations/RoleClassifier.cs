using SampleMind.Search.Filters;
using SampleMind.Search.Text;

namespace SampleMind.Search.Recommendations;

/// <summary>
/// Derives a sample's role from its tags, labels, name and path words (class words with synonyms), falling back
/// on features: a keyless one-shot is taken for drums.
/// </summary>
public static class RoleClassifier
{
    private static readonly (SampleRole Role, string[] Words)[] s_rules =
    [
        (SampleRole.Bass, ["bass", "bassline", "808", "sub", "subbass"]),
        (SampleRole.Drums, ["kick", "kik", "bd", "snare", "snr", "sd", "hihat", "hh", "hat", "hats", "clap", "clp", "perc", "percussion",
            "drum", "drums", "cymbal", "crash", "ride", "tom", "shaker", "rim", "snap", "break", "breakbeat", "beat", "groove", "top", "tops"]),
        (SampleRole.Fx, ["fx", "sfx", "riser", "uplifter", "downlifter", "impact", "sweep", "whoosh", "noise", "transition", "boom", "effect"]),
        (SampleRole.Melody, ["melody", "melodic", "lead", "pad", "chord", "chords", "stab", "keys", "piano", "rhodes", "synth", "pluck",
            "arp", "guitar", "strings", "brass", "horn", "bell", "vocal", "vox", "voice", "flute", "organ", "hook"]),
    ];

    /// <summary>The role of a sample.</summary>
    public static SampleRole Classify(SampleFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in features.Tags.Concat(features.Labels).Append(features.Name).Append(features.Path))
        {
            foreach (var word in NameTokenizer.Tokenize(source))
            {
                words.Add(word);
                if (word.Length > 3 && word[^1] == 's')
                {
                    words.Add(word[..^1]);
                }
            }
        }

        foreach (var (role, roleWords) in s_rules)
        {
            foreach (var word in roleWords)
            {
                if (words.Contains(word))
                {
                    return role;
                }
            }
        }

        return features.Type == SampleType.OneShot && features.Key is null ? SampleRole.Drums : SampleRole.Unknown;
    }
}
