namespace SampleMind.Cli;

/// <summary>An upload the server stopped reading part-way; one line, exit code 1.</summary>
internal sealed class UploadBrokeOffException(string message) : Exception(message);
