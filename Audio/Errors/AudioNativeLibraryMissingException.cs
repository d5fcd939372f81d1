namespace SampleMind.Audio.Errors;

/// <summary>One or more native audio libraries cannot be loaded; the message names the Debian packages.</summary>
public sealed class AudioNativeLibraryMissingException : AudioException
{
    public AudioNativeLibraryMissingException()
    {
        Missing = [];
    }

    public AudioNativeLibraryMissingException(string message)
        : base(message)
    {
        Missing = [];
    }

    public AudioNativeLibraryMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Missing = [];
    }

    public AudioNativeLibraryMissingException(IReadOnlyList<string> missing)
        : base("Native audio libraries missing: " + string.Join(", ", missing))
    {
        Missing = missing;
    }

    /// <summary>Each missing library with its install hint.</summary>
    public IReadOnlyList<string> Missing { get; }
}
