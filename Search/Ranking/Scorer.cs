using System.Globalization;
using System.Text;
using SampleMind.Search.Filters;
using SampleMind.Search.Text;

namespace SampleMind.Search.Ranking;

/// <summary>Scores one candidate: weighted similarity + descriptor boosts + name/path/tag term matches.</summary>
internal sealed class Scorer(RankingWeights weights, TextQuery? text, SampleFilter filter)
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public double Score(SampleFeatures features, IReadOnlyList<string> words, double? similarity, StringBuilder? why)
    {
        var score = 0.0;
        if (similarity is { } sim)
        {
            score += weights.Similarity * sim;
            why?.Append(s_inv, $"similarity {sim:F3}; ");
        }

        if (text is not null)
        {
            score += Descriptors(features, words, text.Preferences, +1, why);
            score += Descriptors(features, words, text.Avoid, -1, why);
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
    /// The descriptors' boosts (or penalties): a descriptor's strength where analysis measured one, else full when the
    /// sample carries it as a tag, a user's label or a word of its name or path. Analysis tags only some descriptors
    /// ("bright", "punchy", ...); the others ("lofi", "vintage", "deep", ...) count where users or file names say so.
    /// </summary>
    private double Descriptors(SampleFeatures features, IReadOnlyList<string> words, IReadOnlyList<string> descriptors, int sign, StringBuilder? why)
    {
        var total = 0.0;
        foreach (var descriptor in descriptors)
        {
            var strength = features.Descriptors is { } d && d.TryGetValue(descriptor, out var v)
                ? v
                : features.Tags.Contains(descriptor, StringComparer.OrdinalIgnoreCase) ||
                  features.Labels.Contains(descriptor, StringComparer.OrdinalIgnoreCase) ||
                  words.Contains(descriptor, StringComparer.Ordinal)
                    ? 1.0
                    : 0.0;
            if (strength <= 0)
            {
                continue;
            }

            var part = sign * weights.Descriptor * strength;
            total += part;
            why?.Append(s_inv, $"{(sign > 0 ? string.Empty : "not ")}{descriptor} {part:+0.00;-0.00}; ");
        }

        return total;
    }

    private void ExplainFilter(SampleFeatures features, StringBuilder why)
    {
        if (filter.Key is { } key && features.Key is { } k)
        {
            why.Append(s_inv, $"key {k} fits {key}; ");
        }

        if (filter.BpmWindow is not null && features.Bpm is { } bpm)
        {
            why.Append(s_inv, $"{bpm:0.#} BPM fits {filter.MinBpm:0.#}-{filter.MaxBpm:0.#} (half/double time allowed: {filter.HalfDoubleTime}); ");
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
