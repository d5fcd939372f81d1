namespace SampleMind.Audio.Decoding;

/// <summary>A source of interleaved float frames in [-1, 1] (floats may exceed it), read in chunks.</summary>
internal interface IAudioReader : IDisposable
{
    int SampleRate { get; }

    int Channels { get; }

    string Container { get; }

    string Codec { get; }

    int? BitDepth { get; }

    /// <summary>Frames announced by the header, when known before decoding.</summary>
    long? KnownFrames { get; }

    bool IsFfmpeg { get; }

    /// <summary>Reads up to buffer.Length / Channels frames; 0 at the end.</summary>
    int Read(Span<float> buffer);
}
