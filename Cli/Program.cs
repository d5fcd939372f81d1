using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using SampleMind.Cli;
using SampleMind.Cli.Commands;

Terminal.Configure();
var root = new RootCommand($"samplemind: ingest, follow, search and export sample libraries through the SampleMind API\n\n{ExitCodes.Help}")
{
    CliOptions.Api, CliOptions.Key, CliOptions.KeyFile, CliOptions.AnswerTimeout,
    IngestCommand.Create(), JobsCommand.Create(), ExportCommand.Create(), SearchCommand.Create(), LibrariesCommand.Create(), SamplesCommand.Create(), KeysCommand.Create(),
};
var parsed = root.Parse(args);
switch (parsed.Action)
{
    case ParseErrorAction:
        // System.CommandLine's errors and help, with the exit code of a wrong command line (its own is 1).
        parsed.Invoke();
        return ExitCodes.Usage;
    case HelpAction when parsed.CommandResult.Command == root:
        return RootHelp.Write(parsed);
}

try
{
    // Errors reach the handlers below (one line each) rather than System.CommandLine's stack-trace printer.
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OperationCanceledException)
{
    // Ctrl-C (SIGINT) or SIGTERM: System.CommandLine cancelled the command (a call's own timeout is a TimeoutException).
    Console.Error.WriteLine("Interrupted.");
    return ExitCodes.Interrupted;
}
catch (HttpIOException e)
{
    Console.Error.WriteLine($"The API's answer broke off: {e.Message}");
    return ExitCodes.Failed;
}
catch (Exception e) when (e is ApiException or NotAnApiException or UploadBrokeOffException or IOException or UnauthorizedAccessException or TimeoutException)
{
    Console.Error.WriteLine(e.Message);
    return ExitCodes.Failed;
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"Cannot reach the API: {e.Message}");
    return ExitCodes.Failed;
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    return ExitCodes.Usage;
}
