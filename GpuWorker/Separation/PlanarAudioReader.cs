namespace SampleMind.GpuWorker.Separation;

/// <summary>An <see cref="IAudioBlockReader"/> over planar audio held in memory.</summary>
public sealed class PlanarAudioReader : IAudioBlockReader
{
    private readonly float[][] _channels;
    private int _position;

    public PlanarAudioReader(float[][] channels, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Length == 0 || channels.Any(c => c.Length != channels[0].Length))
        {
            throw new ArgumentException("Audio needs at least one channel, all of the same length.", nameof(channels));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        _channels = channels;
        SampleRate = sampleRate;
    }

    /// <inheritdoc />
    public int SampleRate { get; }

    /// <inheritdoc />
    public int Channels => _channels.Length;

    /// <summary>Frames per channel.</summary>
    public int Frames => _channels[0].Length;

    /// <inheritdoc />
    public ValueTask<int> ReadAsync(IReadOnlyList<Memory<float>> channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var count = Math.Min(channels[0].Length, Frames - _position);
        for (var c = 0; c < _channels.Length; c++)
        {
            _channels[c].AsSpan(_position, count).CopyTo(channels[c].Span);
        }

        _position += count;
        return ValueTask.FromResult(count);
    }
}
