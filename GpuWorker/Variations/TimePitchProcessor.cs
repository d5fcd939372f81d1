using System.Runtime.InteropServices;
using SampleMind.GpuWorker.Interop;

namespace SampleMind.GpuWorker.Variations;

/// <summary>Offline time-stretch and pitch-shift of planar audio with Rubber Band (R3 engine).</summary>
internal static unsafe class TimePitchProcessor
{
    private const int Block = 4096;

    /// <summary>
    /// Returns the audio stretched by <paramref name="timeRatio"/> (output length ÷ input length)
    /// and shifted by <paramref name="semitones"/>.
    /// </summary>
    public static float[][] Apply(float[][] audio, int sampleRate, double timeRatio, double semitones)
    {
        var channels = audio.Length;
        var frames = audio[0].Length;
        using var state = RubberBandHandle.Create(sampleRate, channels, timeRatio, Math.Pow(2, semitones / 12));
        RubberBand.SetExpectedInputDuration(state, (uint)frames);
        RubberBand.SetMaxProcessSize(state, Block);
        var output = Enumerable.Range(0, channels).Select(_ => new List<float>((int)(frames * timeRatio) + Block)).ToArray();
        var pointers = stackalloc float*[channels];
        var handles = audio.Select(c => c.AsMemory().Pin()).ToArray();
        try
        {
            for (var pass = 0; pass < 2; pass++)
            {
                for (var start = 0; start < frames || (frames == 0 && start == 0); start += Block)
                {
                    var count = Math.Min(Block, frames - start);
                    for (var c = 0; c < channels; c++)
                    {
                        pointers[c] = (float*)handles[c].Pointer + start;
                    }

                    var final = start + Block >= frames ? 1 : 0;
                    if (pass == 0)
                    {
                        RubberBand.Study(state, pointers, (uint)count, final);
                    }
                    else
                    {
                        RubberBand.Process(state, pointers, (uint)count, final);
                        Drain(state, output);
                    }

                    if (frames == 0)
                    {
                        break;
                    }
                }
            }

            Drain(state, output);
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle.Dispose();
            }
        }

        return output.Select(list => list.ToArray()).ToArray();
    }

    private static void Drain(RubberBandHandle state, List<float>[] output)
    {
        var channels = output.Length;
        var buffer = (float*)NativeMemory.Alloc((nuint)(channels * Block), sizeof(float));
        try
        {
            var pointers = stackalloc float*[channels];
            for (var c = 0; c < channels; c++)
            {
                pointers[c] = buffer + (c * Block);
            }

            int available;
            while ((available = RubberBand.Available(state)) > 0)
            {
                var got = (int)RubberBand.Retrieve(state, pointers, (uint)Math.Min(available, Block));
                for (var c = 0; c < channels; c++)
                {
                    output[c].AddRange(new ReadOnlySpan<float>(pointers[c], got));
                }
            }
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }
}
