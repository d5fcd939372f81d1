namespace SampleMind.Runtime;

/// <summary>A grain call got no response within <c>SiloOptions.ResponseTimeout</c>.</summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    public GrainCallTimeoutException()
    {
    }

    public GrainCallTimeoutException(string message) : base(message)
    {
    }

    public GrainCallTimeoutException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
