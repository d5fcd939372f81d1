namespace SampleMind.GpuWorker.Separation;

/// <summary>
/// Consecutive finished frames of every stem, handed to an <see cref="IStemSink"/>. The buffers
/// are reused after the sink's call returns: copy what must outlive it.
/// </summary>
public sealed class StemBlock
{
    private readonly float[][][] _buffers;

    internal StemBlock(IReadOnlyList<string> stemNames, float[][][] buffers)
    {
        StemNames = stemNames;
        _buffers = buffers;
    }

    /// <summary>The stems, in the order of <see cref="Samples"/>.</summary>
    public IReadOnlyList<string> StemNames { get; }

    /// <summary>Channels per stem.</summary>
    public int Channels => _buffers[0].Length;

    /// <summary>Index of the block's first frame in the whole output.</summary>
    public long Position { get; internal set; }

    /// <summary>Frames in this block.</summary>
    public int Frames { get; internal set; }

    /// <summary>One stem's channel: <see cref="Frames"/> samples.</summary>
    public ReadOnlySpan<float> Samples(int stem, int channel) => _buffers[stem][channel].AsSpan(0, Frames);

    internal Span<float> Writable(int stem, int channel) => _buffers[stem][channel];
}
