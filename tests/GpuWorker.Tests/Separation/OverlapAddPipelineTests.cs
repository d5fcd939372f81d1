using SampleMind.GpuWorker.Models;
using SampleMind.GpuWorker.Separation;

namespace SampleMind.GpuWorker.Tests.Separation;

public sealed class OverlapAddPipelineTests
{
    [Theory]
    [InlineData(1, TransitionWindow.Hann)]
    [InlineData(999, TransitionWindow.Linear)]
    [InlineData(1000, TransitionWindow.Hann)]
    [InlineData(1001, TransitionWindow.Hann)]
    [InlineData(1750, TransitionWindow.Linear)]
    [InlineData(12345, TransitionWindow.Hann)]
    public async Task A_processor_that_returns_its_input_is_reproduced_exactly(int frames, TransitionWindow window)
    {
        var input = Planar(2, frames, seed: frames);
        var processor = new CopyProcessor(1000, 250, window, stems: 2);
        var sink = new RecordingSink(2, 2, frames);

        var (read, segments) = await new OverlapAddPipeline(processor, new PlanarAudioReader(input, 44100), sink).RunAsync(3, CancellationToken.None);

        Assert.Equal(frames, read);
        Assert.Equal(Math.Max(1, (int)Math.Ceiling((frames - 250) / 750.0)), segments);
        for (var s = 0; s < 2; s++)
        {
            for (var c = 0; c < 2; c++)
            {
                for (var i = 0; i < frames; i++)
                {
                    Assert.InRange(sink.Stems[s][c][i] - input[c][i], -1e-6f, 1e-6f);
                }
            }
        }
    }

    [Fact]
    public async Task Blocks_arrive_in_order_and_cover_the_input_once()
    {
        var input = Planar(1, 5000, seed: 1);
        var sink = new RecordingSink(1, 1, 5000);

        await new OverlapAddPipeline(new CopyProcessor(800, 200, TransitionWindow.Hann, 1), new PlanarAudioReader(input, 8000), sink)
            .RunAsync(2, CancellationToken.None);

        Assert.Equal(5000, sink.Positions.Sum(p => p.Frames));
        for (var i = 1; i < sink.Positions.Count; i++)
        {
            Assert.Equal(sink.Positions[i - 1].Position + sink.Positions[i - 1].Frames, sink.Positions[i].Position);
        }

        Assert.All(sink.Positions, p => Assert.True(p.Frames <= 600, $"a block of {p.Frames} frames exceeds the hop"));
    }

    [Fact]
    public async Task Mono_input_through_a_stereo_processor_comes_back_mono()
    {
        var input = Planar(1, 3000, seed: 2);
        var sink = new RecordingSink(1, 1, 3000);

        await new OverlapAddPipeline(new CopyProcessor(1000, 100, TransitionWindow.Linear, 1, channels: 2), new PlanarAudioReader(input, 8000), sink)
            .RunAsync(1, CancellationToken.None);

        for (var i = 0; i < 3000; i++)
        {
            Assert.InRange(sink.Stems[0][0][i] - input[0][i], -1e-6f, 1e-6f);
        }
    }

    [Fact]
    public async Task A_failing_segment_fails_the_separation_with_its_error()
    {
        var processor = new CopyProcessor(100, 10, TransitionWindow.Hann, 1) { FailAt = 3 };

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new OverlapAddPipeline(processor, new PlanarAudioReader(Planar(1, 1000, 3), 8000), new RecordingSink(1, 1, 1000))
                .RunAsync(2, CancellationToken.None));

        Assert.Contains("segment 3", ex.Message, StringComparison.Ordinal);
    }

    internal static float[][] Planar(int channels, int frames, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, channels)
            .Select(_ => Enumerable.Range(0, frames).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray())
            .ToArray();
    }

    /// <summary>Returns each segment unchanged as every stem.</summary>
    private sealed class CopyProcessor(int length, int overlap, TransitionWindow window, int stems, int channels = 0) : ISegmentProcessor
    {
        private int _calls;

        public int FailAt { get; init; } = -1;

        public string Method => "copy";

        public IReadOnlyList<string> StemNames { get; } = Enumerable.Range(0, stems).Select(i => $"s{i}").ToArray();

        public int Channels => channels;

        public int SampleRate => 0;

        public TransitionWindow Transition => window;

        public int SegmentLength(int sampleRate) => length;

        public int OverlapLength(int sampleRate) => overlap;

        public Task<float[]> ProcessAsync(float[] segment, int channels, int sampleRate, object request, CancellationToken cancellationToken)
        {
            var call = _calls++;
            if (call == FailAt)
            {
                return Task.FromException<float[]>(new InvalidOperationException($"segment {call} failed"));
            }

            var output = new float[segment.Length * stems];
            for (var s = 0; s < stems; s++)
            {
                segment.CopyTo(output, s * segment.Length);
            }

            return Task.FromResult(output);
        }
    }

    private sealed class RecordingSink(int stems, int channels, int frames) : IStemSink
    {
        public float[][][] Stems { get; } = Enumerable.Range(0, stems)
            .Select(_ => Enumerable.Range(0, channels).Select(_ => new float[frames]).ToArray()).ToArray();

        public List<(long Position, int Frames)> Positions { get; } = [];

        public ValueTask WriteAsync(StemBlock block, CancellationToken cancellationToken)
        {
            Positions.Add((block.Position, block.Frames));
            for (var s = 0; s < Stems.Length; s++)
            {
                for (var c = 0; c < block.Channels; c++)
                {
                    block.Samples(s, c).CopyTo(Stems[s][c].AsSpan((int)block.Position));
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
