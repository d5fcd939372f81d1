using System.Runtime.CompilerServices;

namespace SampleMind.Api.Uploads;

/// <summary>
/// Stores a manifest (one relative path per line) on disk so a job reads it in batches and a
/// million-line manifest is never held in memory. Unsafe or over-long lines reject the manifest.
/// </summary>
internal static class ManifestFile
{
    /// <summary>
    /// Where a job's manifest is stored: <c>{jobId}.manifest</c> in the tenant's upload folder; for a job whose id comes
    /// from an Idempotency-Key, a file of its own per request in the job's folder (as an upload's), so that the same key
    /// sent twice at once never writes over the manifest the job reads. Both are kept while the job exists and swept with
    /// its uploads otherwise (<see cref="UploadSweeper"/>, <see cref="SampleMind.Grains.Ingest.UploadedFiles.DeleteJob"/>).
    /// </summary>
    public static string PathFor(string uploadDirectory, string tenantId, string jobId, bool keyed) => Path.GetFullPath(keyed
        ? Path.Combine(uploadDirectory, tenantId, jobId, Guid.NewGuid().ToString("N") + ".manifest")
        : Path.Combine(uploadDirectory, tenantId, jobId + ".manifest"));

    public static async Task<string> WriteAsync(string path, IAsyncEnumerable<string> lines, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            var written = 0;
            await using (var writer = new StreamWriter(path))
            {
                await foreach (var line in lines.WithCancellation(cancellationToken))
                {
                    if (ArchiveEntryPath.Normalize(line, out var relative) is { } wrong)
                    {
                        throw new UploadRejectedException(
                            $"Entry {written + 1} of the manifest, '{ArchiveEntryPath.Shown(line)}', {wrong}: a manifest lists relative paths inside its root.");
                    }

                    await writer.WriteLineAsync(relative.AsMemory(), cancellationToken);
                    written++;
                }
            }

            if (written == 0)
            {
                throw new UploadRejectedException("The manifest lists no files: send one relative path per line.");
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return path;
    }

    public static async IAsyncEnumerable<string> ReadLinesAsync(Stream body, int maxLines, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body);
        var count = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (++count > maxLines)
            {
                throw new UploadRejectedException(
                    $"The manifest lists more than {maxLines} files; a job takes at most {maxLines} (Ingest:MaxFilesPerJob).", tooLarge: true);
            }

            yield return line.Trim();
        }
    }
}
