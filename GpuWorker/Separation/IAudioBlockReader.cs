namespace SampleMind.GpuWorker.Separation;

/// <summary>Audio read block by block, planar float, so long files never sit whole in memory.</summary>
public interface IAudioBlockReader
{
    /// <summary>Sample rate in Hz.</summary>
    int SampleRate { get; }

    /// <summary>Channel count.</summary>
    int Channels { get; }

    /// <summary>
    /// Fills each channel's destination from its start with up to its length of frames (all the
    /// same length) and returns how many were written; 0 at the end.
    /// </summary>
    ValueTask<int> ReadAsync(IReadOnlyList<Memory<float>> channels, CancellationToken cancellationToken);
}
