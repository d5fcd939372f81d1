namespace SampleMind.Cli;

/// <summary>A success answer that is not the SampleMind API's (an HTML page, a body that is not JSON): --api names another server; one line, exit code 1.</summary>
internal sealed class NotAnApiException(string message) : Exception(message);
