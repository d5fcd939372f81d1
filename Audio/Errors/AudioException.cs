namespace SampleMind.Audio.Errors;

/// <summary>Base of every error the audio library raises on purpose; anything else is a bug.</summary>
public class AudioException : Exception
{
    public AudioException()
    {
    }

    public AudioException(string message)
        : base(message)
    {
    }

    public AudioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
