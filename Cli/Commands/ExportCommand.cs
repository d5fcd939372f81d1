using System.CommandLine;

namespace SampleMind.Cli.Commands;

/// <summary><c>samplemind export JOB --format csv|json [-o FILE]</c>: streams a job's results.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("job") { Description = "job id" };
        var format = new Option<string>("--format") { Description = "csv | json", DefaultValueFactory = _ => "csv" };
        var output = new Option<string?>("--output", "-o") { Description = "file to write (default: standard output)" };
        var command = new Command("export", "stream a job's per-file results") { id, format, output };
        command.SetAction(async (result, ct) =>
        {
            using var api = CliOptions.CreateClient(result);
            var path = result.GetValue(output);
            await using var destination = path is null ? Console.OpenStandardOutput() : File.Create(path);
            await api.DownloadAsync($"v1/jobs/{result.GetValue(id)}/results?format={result.GetValue(format)}", destination, ct);
            return 0;
        });
        return command;
    }
}
