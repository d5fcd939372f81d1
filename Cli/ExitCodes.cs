namespace SampleMind.Cli;

/// <summary>The CLI's exit codes, listed in its root help and in the README.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>
    /// The API answered with a problem, could not be reached, was not a SampleMind API, or stopped reading an upload;
    /// or a download broke off, or its file could not be written.
    /// </summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong (see <see cref="UsageException"/>; System.CommandLine's own errors too).</summary>
    public const int Usage = 2;

    /// <summary>An ingest's job ended, but not every file was ingested: files failed, or the job was cancelled.</summary>
    public const int Incomplete = 3;

    /// <summary>
    /// Ctrl-C (or SIGTERM) stopped the command: following a job (the job is left as it is), or waiting for an answer;
    /// the code a shell gives a command SIGINT ends.
    /// </summary>
    public const int Interrupted = 130;

    /// <summary>The root help's paragraph on the exit codes.</summary>
    public const string Help =
        "Exit codes: 0 done; 1 the API answered with a problem or cannot be reached; 2 the command line is wrong; " +
        "3 an ingest's job ended without every file ingested (files failed, or it was cancelled); 130 Ctrl-C stopped it.";
}
