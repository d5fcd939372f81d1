namespace SampleMind.Collaboration;

/// <summary>
/// Thrown when two operations cannot be combined because they were not made on the same document
/// state (transform) or one does not start where the other ends (compose).
/// </summary>
public sealed class OperationMismatchException : Exception
{
    public OperationMismatchException()
    {
    }

    public OperationMismatchException(string message)
        : base(message)
    {
    }

    public OperationMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
