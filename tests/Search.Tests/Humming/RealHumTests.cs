using SampleMind.Audio;
using SampleMind.Search.Humming;
using SampleMind.TestSupport;
using Xunit.Abstractions;

namespace SampleMind.Search.Tests.Humming;

/// <summary>
/// Query by humming on real audio: the melodies of real samples (aubio pitch contours, as the analysis stores them)
/// are re-sung as hums (transposed, at another tempo, with vibrato and noise), tracked again, and matched.
/// </summary>
public sealed class RealHumTests(ITestOutputHelper output)
{
    private const int Rate = 22050;

    /// <summary>Folders holding the pitched material of samples-dev (and some that are not), the library searched.</summary>
    private static readonly string[] s_library =
    [
        "alex", "bass2", "bassfoo", "birds", "blue", "dorkbot", "drumtraks", "east", "em2", "gab", "jungbass", "kurt",
        "mash2", "monsterb", "num", "popkick", "psr", "trump",
    ];

    /// <summary>The classes whose melodic samples are hummed: tunes, sweeps and bird song (the other folders' pitched
    /// material, e.g. the spoken numbers of "num", stays in the library as distractors).</summary>
    private static readonly string[] s_hummed = ["blue", "birds", "dorkbot", "em2", "mash2", "trump"];

    [SharedDataFact]
    public void Hums_of_real_melodic_samples_retrieve_them_in_the_top_3()
    {
        var analyzer = new AudioAnalyzer();
        var index = new MelodyIndex();
        var melodies = new Dictionary<string, MelodyContour>(StringComparer.Ordinal);
        foreach (var folder in s_library)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.SamplesDev, folder), "*.wav").Order(StringComparer.Ordinal))
            {
                var contour = analyzer.TrackMelodyFile(file, 30);
                var id = folder + "/" + Path.GetFileName(file);
                if (AudioAnalyzer.IsMelodic(contour) && index.Add(id, new PitchContour(contour.ToHz(), contour.FrameRate)))
                {
                    melodies[id] = contour;
                }
            }
        }

        output.WriteLine($"{melodies.Count} melodic samples in {s_library.Length} folders");
        Assert.True(melodies.Count >= 20, $"{melodies.Count} melodic samples found");
        var random = new Random(7);
        var misses = new List<string>();
        var n = 0;
        foreach (var (id, contour) in melodies.Where(m => s_hummed.Contains(m.Key[..m.Key.IndexOf('/', StringComparison.Ordinal)])))
        {
            var style = new HumRenderer.Style(
                Semitones: random.Next(3, 6) * (random.Next(2) == 0 ? -1 : 1),
                Tempo: 1 + ((0.1 + (random.NextDouble() * 0.1)) * (random.Next(2) == 0 ? -1 : 1)));
            var hum = HumRenderer.Render(contour.Pitches, contour.FrameRate, style, Rate, seed: n++);
            var tracked = AudioAnalyzer.TrackMelody(hum, Rate);
            var top = index.Match(new PitchContour(tracked.ToHz(), tracked.FrameRate), 3);
            var rank = top.ToList().FindIndex(m => m.SampleId == id);
            output.WriteLine($"{id}: {style} → {(rank < 0 ? "MISS" : "rank " + (rank + 1))} ({string.Join(", ", top.Select(m => $"{m.SampleId} {m.Distance:0.00}"))})");
            if (rank < 0)
            {
                misses.Add(id);
            }
        }

        Assert.True(n >= 8, $"only {n} melodic samples hummed");
        Assert.True(misses.Count == 0, "missed: " + string.Join(", ", misses));
    }
}
