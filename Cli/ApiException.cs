namespace SampleMind.Cli;

/// <summary>An error answer from the API, with its status and the problem's sentence.</summary>
internal sealed class ApiException(int status, string detail) : Exception($"HTTP {status}: {detail}")
{
    public int Status { get; } = status;
}
