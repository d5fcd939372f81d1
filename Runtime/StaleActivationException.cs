namespace SampleMind.Runtime;

/// <summary>
/// A grain activation refused a call because its memory no longer matches what is stored: one of its writes failed, or
/// another activation of the grain wrote after this one read (two overlapped for a moment while the grain moved between
/// silos). The activation is being dropped; the caller should retry the call, which reaches a fresh activation restored
/// from storage. The API answers it as a <c>503</c> with <c>Retry-After</c>.
/// </summary>
public sealed class StaleActivationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StaleActivationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public StaleActivationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StaleActivationException()
    {
    }
}
