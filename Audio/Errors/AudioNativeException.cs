namespace SampleMind.Audio.Errors;

/// <summary>A native library call failed (out of memory, invalid state); names the library and function.</summary>
public sealed class AudioNativeException : AudioException
{
    public AudioNativeException()
    {
    }

    public AudioNativeException(string message)
        : base(message)
    {
    }

    public AudioNativeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AudioNativeException(string library, string function, string detail)
        : base($"{library}: {function} failed: {detail}")
    {
        Library = library;
        Function = function;
    }

    /// <summary>The shared library, e.g. libebur128.so.1.</summary>
    public string? Library { get; }

    /// <summary>The C function that failed.</summary>
    public string? Function { get; }
}
