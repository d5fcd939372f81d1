using SampleMind.Audio;

namespace SampleMind.GpuWorker.Separation;

/// <summary>An <see cref="IAudioBlockReader"/> over an audio file read block by block (never held whole).</summary>
public sealed class AudioFileBlockReader(AudioFileReader file) : IAudioBlockReader
{
    private float[] _interleaved = [];

    /// <inheritdoc />
    public int SampleRate => file.SampleRate;

    /// <inheritdoc />
    public int Channels => file.Channels;

    /// <inheritdoc />
    public ValueTask<int> ReadAsync(IReadOnlyList<Memory<float>> channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        cancellationToken.ThrowIfCancellationRequested();
        var wanted = channels[0].Length * Channels;
        if (_interleaved.Length < wanted)
        {
            _interleaved = new float[wanted];
        }

        var frames = file.Read(_interleaved.AsSpan(0, wanted));
        for (var c = 0; c < Channels; c++)
        {
            var destination = channels[c].Span;
            for (var i = 0; i < frames; i++)
            {
                destination[i] = _interleaved[(i * Channels) + c];
            }
        }

        return ValueTask.FromResult(frames);
    }
}
