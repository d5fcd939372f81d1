using SampleMind.Search.Humming;

namespace SampleMind.Search.Tests.Humming;

public sealed class MelodyIndexTests
{
    [Fact]
    public void Hums_retrieve_their_source_melody_in_the_top_3_among_50()
    {
        var random = new Random(21);
        var melodies = Enumerable.Range(0, 50).Select(_ => HumSynthesizer.Melody(random)).ToArray();
        var index = new MelodyIndex();
        for (var i = 0; i < melodies.Length; i++)
        {
            Assert.True(index.Add("m" + i, HumSynthesizer.Reference(melodies[i])));
        }

        var misses = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            var source = random.Next(melodies.Length);
            var top = index.Match(HumSynthesizer.Hum(melodies[source], random), 3);
            if (!top.Any(m => m.SampleId == "m" + source))
            {
                misses.Add($"m{source} → {string.Join(", ", top.Select(m => m.SampleId))}");
            }
        }

        Assert.True(misses.Count == 0, "missed: " + string.Join("; ", misses));
    }

    [Fact]
    public void Normalisation_removes_unvoiced_frames_and_the_key()
    {
        var f0 = new float[] { 0, 220, 220, 220, float.NaN, 0, 440, 440, 440, 440, 0 };
        var semitones = ContourProcessing.Normalise(new PitchContour(f0, 100), medianWindow: 1);
        Assert.Equal(7, semitones.Length);
        Assert.Equal(12f, semitones[^1] - semitones[0], 3);
        var transposed = ContourProcessing.Normalise(new PitchContour([.. f0.Select(f => f * 1.5f)], 100), medianWindow: 1);
        Assert.Equal(semitones, transposed, (a, b) => Math.Abs(a - b) < 1e-3);
    }

    [Fact]
    public void Median_filtering_removes_a_single_octave_slip()
    {
        var f0 = Enumerable.Repeat(220f, 21).ToArray();
        f0[10] = 440f;
        var semitones = ContourProcessing.Normalise(new PitchContour(f0, 100));
        Assert.All(semitones, s => Assert.Equal(0f, s, 3));
    }

    [Fact]
    public void A_mostly_unvoiced_contour_is_rejected()
    {
        var index = new MelodyIndex();
        Assert.False(index.Add("silent", new PitchContour([0, 0, 220, 0, 0], 100)));
        Assert.Empty(index.Match(new PitchContour([0, 0, 0], 100)));
    }
}
