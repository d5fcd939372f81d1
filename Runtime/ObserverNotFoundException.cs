namespace SampleMind.Runtime;

/// <summary>A call was made on an observer reference whose object was deleted (or never existed here).</summary>
public sealed class ObserverNotFoundException : InvalidOperationException
{
    public ObserverNotFoundException()
    {
    }

    public ObserverNotFoundException(string message) : base(message)
    {
    }

    public ObserverNotFoundException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
