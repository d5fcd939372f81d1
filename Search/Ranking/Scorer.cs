using System.Globalization;
using System.Text;
using SampleMind.Search.Filters;
using SampleMind.Search.Text;

namespace SampleMind.Search.Ranking;

/// <summary>Scores one candidate: weighted similarity + descriptor boosts + name/path/tag term matches.</summary>
internal sealed class Scorer(RankingWeights weights, TextQuery? text, SampleFilter filter)
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>The descriptors' two-word spellings by their words, so that a name is matched without joining its words.</summary>
    private static readonly Dictionary<(string, string), string> s_pairs = Vocabulary.Descriptors
        .Select(p => (Words: p.Key.Split(' ', '-'), Canonical: p.Value))
        .Where(p => p.Words.Length == 2)
        .DistinctBy(p => (p.Words[0], p.Words[1]))
        .ToDictionary(p => (p.Words[0], p.Words[1]), p => p.Canonical);

    /// <summary>The candidate's score, explained into <paramref name="why"/> when given.</summary>
    /// <param name="features">The candidate.</param>
    /// <param name="words">The words of its name and path, then of its tags.</param>
    /// <param name="nameWords">How many of <paramref name="words"/> come from its name and path.</param>
    /// <param name="similarity">Its similarity to the query vector, if the query has one.</param>
    /// <param name="why">Where to explain the score, or null.</param>
    public double Score(SampleFeatures features, IReadOnlyList<string> words, int nameWords, double? similarity, StringBuilder? why)
    {
        var score = 0.0;
        if (similarity is { } sim)
        {
            score += weights.Similarity * sim;
            why?.Append(s_inv, $"similarity {sim:F3}; ");
        }

        if (text is not null)
        {
            score += Descriptors(features, words, nameWords, text.Preferences, +1, why);
            score += Descriptors(features, words, nameWords, text.Avoid, -1, why);
            foreach (var term in text.Terms)
            {
                if (NameTokenizer.Matches(words, term))
                {
                    score += weights.Term;
                    why?.Append(s_inv, $"name/path/tags match '{term.Term}' +{weights.Term:F2}; ");
                }
            }
        }

        if (why is not null)
        {
            ExplainFilter(features, why);
        }

        return score;
    }

    /// <summary>
    /// The descriptors' boosts (or penalties): the sample's graded strength where analysis measured one (its tag where it
    /// did not), and full when a user labelled the sample with the descriptor or a word of its name or path says it.
    /// Analysis grades only some descriptors ("bright", "punchy", ...); the others ("lofi", "vintage", "deep", ...)
    /// count where users or file names say so.
    /// </summary>
    private double Descriptors(SampleFeatures features, IReadOnlyList<string> words, int nameWords, IReadOnlyList<string> descriptors, int sign, StringBuilder? why)
    {
        var total = 0.0;
        foreach (var descriptor in descriptors)
        {
            var strength = features.Labels.Contains(descriptor, StringComparer.OrdinalIgnoreCase) || NameSays(words, nameWords, descriptor)
                ? 1.0
                : features.Descriptors is { } graded && graded.TryGetValue(descriptor, out var measured)
                    ? measured
                    : features.Tags.Contains(descriptor, StringComparer.OrdinalIgnoreCase) ? 1.0 : 0.0;
            if (strength <= 0)
            {
                continue;
            }

            var part = sign * weights.Descriptor * strength;
            total += part;
            why?.Append(s_inv, $"{(sign > 0 ? string.Empty : "not ")}{descriptor} {(sign > 0 ? '+' : '-')}{Math.Abs(part):0.00}; ");
        }

        return total;
    }

    /// <summary>
    /// True when a word of the name or path (or two in a row: "sub heavy", or "sub-heavy" split at its hyphen) is one of
    /// the descriptor's spellings: "fat" says "heavy", "mono" says "mono-compatible".
    /// </summary>
    private static bool NameSays(IReadOnlyList<string> words, int nameWords, string descriptor)
    {
        var count = Math.Min(nameWords, words.Count);
        for (var i = 0; i < count; i++)
        {
            if ((Vocabulary.Descriptors.TryGetValue(words[i], out var single) && single == descriptor)
                || (i + 1 < count && s_pairs.TryGetValue((words[i], words[i + 1]), out var pair) && pair == descriptor))
            {
                return true;
            }
        }

        return false;
    }

    private void ExplainFilter(SampleFeatures features, StringBuilder why)
    {
        if (filter.Key is { } key && features.Key is { } k)
        {
            why.Append(s_inv, $"key {k} fits {key}; ");
        }

        if (filter.BpmWindow is { } window && features.Bpm is { } bpm)
        {
            var range = (filter.MinBpm, filter.MaxBpm) switch
            {
                ({ } min, { } max) when min == max => string.Create(s_inv, $"{min:0.#}"),
                ({ } min, { } max) => string.Create(s_inv, $"{min:0.#}-{max:0.#}"),
                ({ } min, null) => string.Create(s_inv, $"{min:0.#} or more"),
                (null, var max) => string.Create(s_inv, $"up to {max:0.#}"),
            };
            var how = SampleFilter.InWindow(bpm, window) ? "" : SampleFilter.InWindow(bpm / 2, window)
                ? string.Create(s_inv, $" at half time ({bpm / 2:0.#})")
                : string.Create(s_inv, $" at double time ({bpm * 2:0.#})");
            why.Append(s_inv, $"{bpm:0.#} BPM fits {range}{how}; ");
        }

        if (filter.Type is { } type)
        {
            why.Append(s_inv, $"type {type}; ");
        }

        if (why.Length == 0)
        {
            why.Append("matches the filter; ");
        }

        why.Length -= 2;
    }
}
