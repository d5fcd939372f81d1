namespace SampleMind.GpuWorker.Separation;

/// <summary>Collects a separation of known length into [stem][channel][sample] arrays.</summary>
internal sealed class CollectingStemSink(int stems, int channels, int frames) : IStemSink
{
    public float[][][] Stems { get; } = Enumerable.Range(0, stems)
        .Select(_ => Enumerable.Range(0, channels).Select(_ => new float[frames]).ToArray())
        .ToArray();

    public ValueTask WriteAsync(StemBlock block, CancellationToken cancellationToken)
    {
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
