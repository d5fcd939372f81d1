using SampleMind.GpuWorker.Separation;
using SampleMind.GpuWorker.Tests.Support;

namespace SampleMind.GpuWorker.Tests.Separation;

public sealed class ModelSeparationTests
{
    [Fact]
    public async Task A_pass_through_model_reproduces_the_input_through_segments_and_overlap_add()
    {
        var (separator, registry) = Separators.Create(Separators.FolderWith("test-passthrough"));
        using var _ = registry;
        await using var __ = separator;
        var input = OverlapAddPipelineTests.Planar(2, (44100 * 5) + 123, seed: 11);

        var result = await separator.SeparateAsync(input, 44100);

        Assert.Equal("model:test-passthrough", result.Method);
        Assert.Equal(new[] { "mixture" }, result.StemNames);
        for (var c = 0; c < 2; c++)
        {
            for (var i = 0; i < input[c].Length; i++)
            {
                Assert.InRange(result.Stems[0][c][i] - input[c][i], -1e-6f, 1e-6f);
            }
        }
    }

    [Fact]
    public async Task Two_stem_model_stems_sum_to_the_mixture_and_follow_the_fir_across_segments()
    {
        var (separator, registry) = Separators.Create(Separators.FolderWith("test-separator-2stem"));
        using var _ = registry;
        await using var __ = separator;
        var input = OverlapAddPipelineTests.Planar(2, 44100 * 6, seed: 12);

        var result = await separator.SeparateAsync(input, 44100);

        Assert.Equal("model:test-separator-2stem", result.Method);
        Assert.Equal(new[] { "low", "high" }, result.StemNames);
        var taps = Fir.LowPass(0.05);
        for (var c = 0; c < 2; c++)
        {
            var expectedLow = Fir.Apply(taps, input[c]);
            var worst = 0f;
            for (var i = 0; i < input[c].Length; i++)
            {
                Assert.InRange(result.Stems[0][c][i] + result.Stems[1][c][i] - input[c][i], -1e-5f, 1e-5f);
                worst = Math.Max(worst, Math.Abs(result.Stems[0][c][i] - expectedLow[i]));
            }

            // Only the first taps of a later segment see its zero padding, and they are faded out.
            Assert.True(worst < 2e-3f, $"low stem departs from the whole-signal FIR by {worst}");
        }
    }

    [Fact]
    public async Task Four_stem_model_runs_concurrent_requests_through_one_session()
    {
        var (separator, registry) = Separators.Create(Separators.FolderWith("test-separator-4stem"), new SeparationOptions { BatchSize = 4 });
        using var _ = registry;
        await using var __ = separator;
        var inputs = Enumerable.Range(0, 3).Select(i => OverlapAddPipelineTests.Planar(2, 44100 * 4, seed: 20 + i)).ToArray();

        var results = await Task.WhenAll(inputs.Select(x => separator.SeparateAsync(x, 44100)));

        for (var r = 0; r < inputs.Length; r++)
        {
            Assert.Equal(4, results[r].StemNames.Count);
            for (var c = 0; c < 2; c++)
            {
                for (var i = 0; i < inputs[r][c].Length; i += 7)
                {
                    var sum = results[r].Stems.Sum(stem => stem[c][i]);
                    Assert.InRange(sum - inputs[r][c][i], -1e-4f, 1e-4f);
                }
            }
        }
    }

    [Fact]
    public async Task Audio_at_another_rate_is_resampled_for_the_model_and_back()
    {
        var (separator, registry) = Separators.Create(Separators.FolderWith("test-passthrough"));
        using var _ = registry;
        await using var __ = separator;
        var tone = new float[22050 * 3];
        for (var i = 0; i < tone.Length; i++)
        {
            tone[i] = 0.5f * MathF.Sin(2 * MathF.PI * 440 * i / 22050);
        }

        var result = await separator.SeparateAsync([tone], 22050);

        Assert.Equal(22050, result.SampleRate);
        Assert.Equal(tone.Length, result.Frames);
        Assert.True(AudioFiles.Sdr([tone[1000..^1000]], [result.Stems[0][0][1000..^1000]]) > 30);
    }

    [Fact]
    public void Without_models_the_dsp_methods_serve_and_say_so()
    {
        var (separator, registry) = Separators.Create(modelsDirectory: null);
        using var _ = registry;

        Assert.Equal(SeparationMethods.DspHpss, separator.MethodFor(SeparationTarget.AllStems));
        Assert.Equal(SeparationMethods.DspRepet, separator.MethodFor(SeparationTarget.Vocals));
    }
}
