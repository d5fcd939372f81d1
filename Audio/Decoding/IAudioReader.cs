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

    /// <summary>
    /// Frames the header promises where the format states them exactly, even in a file cut short (then more than are
    /// decoded); null where it does not or cannot tell (ffmpeg's fallback, formats whose count comes from the frames present).
    /// </summary>
    long? PromisedFrames { get; }

    bool IsFfmpeg { get; }

    /// <summary>Reads up to buffer.Length / Channels frames; 0 at the end.</summary>
    int Read(Span<float> buffer);
}
