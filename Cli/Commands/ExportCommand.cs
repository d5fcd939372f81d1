using System.CommandLine;
using SampleMind.Cli.Interop;

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
        var output = new Option<string?>("--output", "-o") { Description = "file to write, replaced only once the whole export has arrived (a symbolic link is followed; a FIFO or device is written to as the export comes) (default: standard output)" };
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
    /// Downloads <paramref name="path"/> into <paramref name="file"/>. A regular file (or none) is written as a temporary
    /// file beside it, moved over it once the download is complete, with the permissions the file had: an export that
    /// fails leaves <paramref name="file"/> as it was, and no temporary file. A symbolic link is followed (the file it
    /// finally names is replaced; the link stays); a FIFO or a device (<c>/dev/null</c>, <c>/dev/stdout</c>) is written
    /// to as the export comes, never replaced.
    /// </summary>
    public static async Task DownloadToFileAsync(ApiClient api, string path, string file, CancellationToken cancellationToken)
    {
        if (file.Length == 0)
        {
            throw new UsageException("-o needs a file name.");
        }

        if (Libc.IsSpecialFile(file))
        {
            await using var stream = Open(file, $"-o '{file}' cannot be written", new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Write, Share = FileShare.ReadWrite });
            await api.DownloadAsync(path, stream, cancellationToken);
            return;
        }

        var target = FinalTarget(file);
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
            await using (var destination = CreateLike(temporary, target, file))
            {
                await api.DownloadAsync(path, destination, cancellationToken);
            }

            try
            {
                File.Move(temporary, target, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"-o '{file}' cannot be written: {e.Message}", e);
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The full path of <paramref name="file"/>, or of the file it finally names when it is a symbolic link.</summary>
    private static string FinalTarget(string file)
    {
        var full = Path.GetFullPath(file);
        try
        {
            return new FileInfo(full).LinkTarget is null ? full : File.ResolveLinkTarget(full, returnFinalTarget: true)!.FullName;
        }
        catch (IOException e)
        {
            // A loop of links.
            throw new IOException($"-o '{file}' cannot be written: {e.Message}", e);
        }
    }

    /// <summary>A new <paramref name="temporary"/> file with the permissions of <paramref name="target"/> when it exists.</summary>
    private static FileStream CreateLike(string temporary, string target, string file)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        var failure = $"-o '{file}' cannot be written: no file can be created in '{Path.GetDirectoryName(temporary)}'";
        if (OperatingSystem.IsWindows() || !File.Exists(target))
        {
            return Open(temporary, failure, options);
        }

        // Created no more open than the file it replaces, then given its exact mode (the umask may have narrowed it).
        var mode = File.GetUnixFileMode(target);
        options.UnixCreateMode = mode;
        var stream = Open(temporary, failure, options);
        try
        {
            File.SetUnixFileMode(stream.SafeFileHandle, mode);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/>; a file that cannot be opened (a read-only folder, <c>/proc</c>, a full disk) is an
    /// <see cref="IOException"/> saying <paramref name="failure"/> and why (exit code 1, as a write that fails later).
    /// </summary>
    private static FileStream Open(string path, string failure, FileStreamOptions options)
    {
        try
        {
            return new FileStream(path, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{failure}: {e.Message}", e);
        }
    }
}
