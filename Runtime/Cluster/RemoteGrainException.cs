namespace SampleMind.Runtime.Cluster;

/// <summary>A grain on another silo threw an exception of a type the wire does not recreate; its type name and message are kept.</summary>
public sealed class RemoteGrainException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemoteGrainException(string remoteType, string message)
        : base($"{remoteType}: {message}") => RemoteType = remoteType;

    /// <summary>Creates the exception.</summary>
    public RemoteGrainException(string message)
        : base(message) => RemoteType = "";

    /// <summary>Creates the exception.</summary>
    public RemoteGrainException(string message, Exception innerException)
        : base(message, innerException) => RemoteType = "";

    /// <summary>Creates the exception.</summary>
    public RemoteGrainException() => RemoteType = "";

    /// <summary>The full name of the exception type the grain threw.</summary>
    public string RemoteType { get; }
}
