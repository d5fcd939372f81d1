namespace SampleMind.Audio.Errors;

/// <summary>Writing a WAV or FLAC file failed (bad parameters, I/O error).</summary>
public sealed class AudioEncodeException : AudioException
{
    public AudioEncodeException()
    {
    }

    public AudioEncodeException(string message)
        : base(message)
    {
    }

    public AudioEncodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
