using System.CommandLine;

namespace SampleMind.Cli.Commands;

/// <summary><c>samplemind export JOB --format csv|json [-o FILE]</c>: streams a job's results.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("job") { Description = "job id" };
        Ids.Validate(id, "a job id");
        var format = new Option<string>("--format") { Description = "csv, or json: JSON Lines (one object per line)", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<string?>("--output", "-o") { Description = "file to write, replaced only once the whole export has arrived (default: standard output)" };
        var command = new Command("export", "stream a job's per-file results") { id, format, output };
        command.SetAction(async (result, ct) =>
        {
            using var api = CliOptions.CreateClient(result);
            var path = $"v1/jobs/{Ids.Segment(result.GetValue(id)!)}/results?format={result.GetValue(format)}";
            if (result.GetValue(output) is { } file)
            {
                await DownloadToFileAsync(api, path, file, ct);
            }
            else
            {
                await using var destination = Console.OpenStandardOutput();
                await api.DownloadAsync(path, destination, ct);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Downloads <paramref name="path"/> into a temporary file beside <paramref name="file"/>, moved over it once the
    /// download is complete: an export that fails leaves <paramref name="file"/> as it was, and no temporary file.
    /// </summary>
    public static async Task DownloadToFileAsync(ApiClient api, string path, string file, CancellationToken cancellationToken)
    {
        if (file.Length == 0)
        {
            throw new UsageException("-o needs a file name.");
        }

        var target = Path.GetFullPath(file);
        if (Directory.Exists(target))
        {
            throw new UsageException($"-o '{file}' is a folder; name a file to write.");
        }

        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"-o '{file}': the folder '{folder}' does not exist.");
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.part");
        try
        {
            await using (var destination = Create(temporary, file))
            {
                await api.DownloadAsync(path, destination, cancellationToken);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static FileStream Create(string temporary, string file)
    {
        try
        {
            return new FileStream(temporary, FileMode.CreateNew, FileAccess.Write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"-o '{file}' cannot be written: {e.Message}");
        }
    }
}
