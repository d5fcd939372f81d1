namespace SampleMind.Audio.Errors;

/// <summary>The input is corrupt, empty, not audio, or in a format nothing here can read.</summary>
public sealed class AudioDecodeException : AudioException
{
    public AudioDecodeException()
    {
        Reason = "unknown";
    }

    public AudioDecodeException(string message)
        : base(message)
    {
        Reason = message;
    }

    public AudioDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>Creates the error for <paramref name="source"/> with a short <paramref name="reason"/>.</summary>
    public AudioDecodeException(string source, string reason)
        : base($"Cannot decode '{source}': {reason}")
    {
        Input = source;
        Reason = reason;
    }

    /// <summary>The file path or buffer description that failed, when known.</summary>
    public string? Input { get; }

    /// <summary>Why decoding failed, e.g. "libsndfile: Format not recognised".</summary>
    public string Reason { get; }
}
