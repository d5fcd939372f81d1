using System.Globalization;
using SampleMind.Search.Filters;

namespace SampleMind.Search.Recommendations;

/// <summary>
/// Suggests samples that complement a project: they fill a role the project lacks (drums, bass, melody, fx, in that
/// order of priority), mix with its key (same, relative or Camelot ±1) and fit its tempo (same, half or double time
/// within 2 %). Keyless samples fit any key, one-shots any tempo. Suggestions alternate between the lacking roles.
/// </summary>
public static class Recommender
{
    private const double Tolerance = 0.02;
    private static readonly SampleRole[] s_roles = [SampleRole.Drums, SampleRole.Bass, SampleRole.Melody, SampleRole.Fx];

    /// <summary>Up to <paramref name="count"/> suggestions from the samples of a shard.</summary>
    public static IReadOnlyList<Recommendation> Recommend(ProjectContext project, SearchEngine shard, int count = 10)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return Recommend(project, shard.Snapshot(), count);
    }

    /// <summary>Up to <paramref name="count"/> suggestions from <paramref name="library"/>, best first per role.</summary>
    public static IReadOnlyList<Recommendation> Recommend(ProjectContext project, IEnumerable<SampleFeatures> library, int count = 10)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(library);
        var candidates = library.ToList();
        var byId = candidates.ToDictionary(f => f.SampleId, StringComparer.Ordinal);
        var usedIds = project.Used.Select(u => u.SampleId).ToHashSet(StringComparer.Ordinal);
        var present = project.Used
            .Select(u => u.Role ?? (byId.TryGetValue(u.SampleId, out var f) ? RoleClassifier.Classify(f) : SampleRole.Unknown))
            .ToHashSet();
        var lacking = s_roles.Where(r => !present.Contains(r)).ToList();
        var targets = lacking.Count > 0 ? lacking : [.. s_roles];
        var perRole = targets.ToDictionary(r => r, _ => new List<Recommendation>());
        foreach (var sample in candidates)
        {
            var role = RoleClassifier.Classify(sample);
            if (usedIds.Contains(sample.SampleId) || !perRole.TryGetValue(role, out var list))
            {
                continue;
            }

            if (Fit(project, sample, role, lacking.Contains(role)) is { } recommendation)
            {
                list.Add(recommendation);
            }
        }

        return Interleave(targets, perRole, count);
    }

    private static Recommendation? Fit(ProjectContext project, SampleFeatures sample, SampleRole role, bool lacking)
    {
        var why = new List<string>
        {
            lacking ? $"Adds {Name(role)}, which the project lacks" : $"Another {Name(role)} option",
        };
        var score = lacking ? 1.0 : 0.5;
        if (KeyFit(project.Key, sample.Key) is not { } key)
        {
            return null;
        }

        score += key.Score;
        why.Add(key.Why);
        if (TempoFit(project.Bpm, sample) is not { } tempo)
        {
            return null;
        }

        score += tempo.Score;
        why.Add(tempo.Why);
        return new Recommendation(sample.SampleId, role, score, string.Join("; ", why.Where(w => w.Length > 0)) + ".");
    }

    private static (double Score, string Why)? KeyFit(CamelotKey? project, CamelotKey? sample)
    {
        if (project is not { } p || sample is not { } s)
        {
            return (0.1, sample is null ? "no key of its own, fits any key" : string.Empty);
        }

        if (s == p)
        {
            return (0.3, $"in {s}, the project's key");
        }

        if (s == p.Relative)
        {
            return (0.25, $"in {s}, relative to the project's {p}");
        }

        return p.IsCompatibleWith(s) ? (0.2, $"in {s}, a Camelot neighbour of the project's {p}") : null;
    }

    private static (double Score, string Why)? TempoFit(double? project, SampleFeatures sample)
    {
        var inv = CultureInfo.InvariantCulture;
        if (sample.Type != SampleType.Loop || sample.Bpm is not { } bpm)
        {
            return (0.1, sample.Type == SampleType.OneShot ? "a one-shot, fits any tempo" : string.Empty);
        }

        if (project is not { } p)
        {
            return (0.1, string.Create(inv, $"{bpm:0.#} BPM loop"));
        }

        if (Near(bpm, p))
        {
            return (0.3, string.Create(inv, $"{bpm:0.#} BPM loop, the project's tempo"));
        }

        if (Near(bpm * 2, p))
        {
            return (0.2, string.Create(inv, $"{bpm:0.#} BPM loop, half-time of the project's {p:0.#} BPM"));
        }

        return Near(bpm / 2, p) ? (0.2, string.Create(inv, $"{bpm:0.#} BPM loop, double-time of the project's {p:0.#} BPM")) : null;
    }

    private static bool Near(double value, double target) => Math.Abs(value - target) <= target * Tolerance;

    private static string Name(SampleRole role) => role switch
    {
        SampleRole.Drums => "drums",
        SampleRole.Bass => "bass",
        SampleRole.Melody => "a melodic part",
        SampleRole.Fx => "effects",
        _ => "a sound",
    };

    private static List<Recommendation> Interleave(List<SampleRole> roles, Dictionary<SampleRole, List<Recommendation>> perRole, int count)
    {
        foreach (var list in perRole.Values)
        {
            list.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.SampleId, b.SampleId));
        }

        var result = new List<Recommendation>(count);
        for (var rank = 0; result.Count < count; rank++)
        {
            var added = false;
            foreach (var role in roles)
            {
                if (rank < perRole[role].Count && result.Count < count)
                {
                    result.Add(perRole[role][rank]);
                    added = true;
                }
            }

            if (!added)
            {
                break;
            }
        }

        return result;
    }
}
