namespace SampleMind.Runtime;

/// <summary>A state write or clear carried an ETag that storage no longer holds (another writer won).</summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException()
    {
    }

    public InconsistentStateException(string message) : base(message)
    {
    }

    public InconsistentStateException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public InconsistentStateException(string message, string? storedEtag, string? currentEtag) : base(message)
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    /// <summary>The ETag found in storage (null: no record).</summary>
    public string? StoredEtag { get; }

    /// <summary>The ETag the writer held (null: it believed no record existed).</summary>
    public string? CurrentEtag { get; }
}
