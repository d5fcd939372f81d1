namespace SampleMind.Audio.Errors;

/// <summary>The input is longer than <see cref="AudioAnalyzerOptions.MaxDuration"/>; nothing is analysed.</summary>
public sealed class AudioTooLongException : AudioException
{
    public AudioTooLongException()
    {
    }

    public AudioTooLongException(string message)
        : base(message)
    {
    }

    public AudioTooLongException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AudioTooLongException(TimeSpan duration, TimeSpan maximum)
        : base($"Audio lasts at least {duration.TotalSeconds:0.###} s, more than the {maximum.TotalSeconds:0.###} s allowed")
    {
        Duration = duration;
        Maximum = maximum;
    }

    /// <summary>The duration seen when the limit was passed (a lower bound when streaming).</summary>
    public TimeSpan Duration { get; }

    /// <summary>The configured limit.</summary>
    public TimeSpan Maximum { get; }
}
