using SampleMind.GpuWorker.Separation;
using SampleMind.GpuWorker.Tests.Support;
using SampleMind.TestSupport;
using Xunit.Abstractions;

namespace SampleMind.GpuWorker.Tests.Separation;

[Collection(MemoryCollection.Name)]
public sealed class LongFileMemoryTests(ITestOutputHelper output)
{
    private const int Rate = 44100;
    private const int Minutes = 3;

    /// <summary>
    /// What the streaming design allows whatever the length: at most 4 DSP segments of 8 s in flight
    /// (about 40 MiB of spectrograms and buffers each) plus the collector's slack (the test host runs
    /// with System.GC.ConserveMemory, as the worker host should). Separating the
    /// whole file at once would need its full spectrograms, over 1 GiB for 3 minutes.
    /// </summary>
    private const long PeakGrowthBound = 256L << 20;

    [SharedDataFact]
    public async Task A_three_minute_stereo_file_is_separated_in_bounded_memory()
    {
        var (drums, _) = AudioFiles.Load("breaks157/000_PLEAD.WAV");
        var (bass, _) = AudioFiles.Load("bass2/69988__noizemassacre__hardcore-bass-1.wav");
        var frames = Rate * 60 * Minutes;
        var reader = new LoopingReader(drums[0], bass, frames);
        var sink = new CheckingSink(reader);
        var (separator, registry) = Separators.Create(modelsDirectory: null);
        using var _ = registry;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = ProcessMemory.ResidentBytes();
        ProcessMemory.ResetPeak();

        var summary = await separator.SeparateAsync(reader, sink);

        var peakGrowth = ProcessMemory.PeakResidentBytes() - baseline;
        var wholeStems = 2L * 2 * frames * sizeof(float);
        output.WriteLine($"3 min stereo 44.1 kHz, {summary.Segments} segments: baseline RSS {baseline / 1048576.0:F0} MiB, " +
            $"peak RSS {ProcessMemory.PeakResidentBytes() / 1048576.0:F0} MiB (growth {peakGrowth / 1048576.0:F0} MiB; the stems alone would be {wholeStems / 1048576.0:F0} MiB)");
        Assert.Equal(frames, summary.Frames);
        Assert.Equal(frames, sink.Frames);
        Assert.True(sink.WorstSumError < 1e-3, $"stems depart from the mixture by {sink.WorstSumError}");
        Assert.True(peakGrowth < PeakGrowthBound, $"peak RSS grew by {peakGrowth / 1048576.0:F0} MiB, above the {PeakGrowthBound >> 20} MiB bound");
    }

    /// <summary>A drum loop over a looped bass, generated block by block (never held whole).</summary>
    private sealed class LoopingReader(float[] drums, float[][] bass, int frames) : IAudioBlockReader
    {
        private int _position;

        public int SampleRate => Rate;

        public int Channels => 2;

        public float Sample(int channel, long frame) =>
            drums[frame % drums.Length] + (0.5f * bass[channel % bass.Length][frame % bass[0].Length]);

        public ValueTask<int> ReadAsync(IReadOnlyList<Memory<float>> channels, CancellationToken cancellationToken)
        {
            var count = Math.Min(channels[0].Length, frames - _position);
            for (var c = 0; c < 2; c++)
            {
                var span = channels[c].Span;
                for (var i = 0; i < count; i++)
                {
                    span[i] = Sample(c, _position + i);
                }
            }

            _position += count;
            return ValueTask.FromResult(count);
        }
    }

    /// <summary>Checks that each block's stems sum to the mixture, then drops it.</summary>
    private sealed class CheckingSink(LoopingReader reader) : IStemSink
    {
        public long Frames { get; private set; }

        public double WorstSumError { get; private set; }

        public ValueTask WriteAsync(StemBlock block, CancellationToken cancellationToken)
        {
            for (var c = 0; c < block.Channels; c++)
            {
                var harmonic = block.Samples(0, c);
                var percussive = block.Samples(1, c);
                for (var i = 0; i < block.Frames; i += 97)
                {
                    var error = Math.Abs(harmonic[i] + percussive[i] - reader.Sample(c, block.Position + i));
                    WorstSumError = Math.Max(WorstSumError, error);
                }
            }

            Frames += block.Frames;
            return ValueTask.CompletedTask;
        }
    }
}
