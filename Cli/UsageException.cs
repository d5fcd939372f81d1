namespace SampleMind.Cli;

/// <summary>A command line the CLI cannot act on (an address that is not one, a key file that is missing); one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
