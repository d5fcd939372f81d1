using System.CommandLine;
using SampleMind.Cli;
using SampleMind.Cli.Commands;

var root = new RootCommand("samplemind: ingest, follow, search and export sample libraries through the SampleMind API")
{
    CliOptions.Api, CliOptions.Key, CliOptions.KeyFile,
    IngestCommand.Create(), JobsCommand.Create(), ExportCommand.Create(), SearchCommand.Create(), KeysCommand.Create(),
};
try
{
    // Errors reach the handlers below (one line each) rather than System.CommandLine's stack-trace printer.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (ApiException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
catch (UploadBrokeOffException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"Cannot reach the API: {e.Message}");
    return 1;
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
