namespace SampleMind.Grains.Ingest;

/// <summary>Files the server keeps because a client uploaded them, as opposed to files in a server-side folder it only reads.</summary>
public static class UploadedFiles
{
    /// <summary>
    /// Deletes <paramref name="path"/> when it lies inside <paramref name="tenantUploads"/> (the tenant's upload folder),
    /// then the folders it leaves empty up to that folder; a file anywhere else (a server-side folder's, which the tenant
    /// only lent to an ingest) is never touched. A file that is gone already is no error.
    /// </summary>
    public static void Delete(string path, string tenantUploads)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(tenantUploads));
        var file = Path.GetFullPath(path);
        if (!IsInside(file, root))
        {
            return;
        }

        File.Delete(file);
        for (var folder = Path.GetDirectoryName(file); folder is not null && folder.Length > root.Length; folder = Path.GetDirectoryName(folder))
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (IOException)
            {
                // Not empty (the upload's other files), or gone: the folders above stay too.
                return;
            }
        }
    }

    /// <summary>Whether <paramref name="path"/> lies inside <paramref name="tenantUploads"/>, the tenant's upload folder.</summary>
    public static bool IsUploaded(string path, string tenantUploads) =>
        IsInside(Path.GetFullPath(path), Path.TrimEndingDirectorySeparator(Path.GetFullPath(tenantUploads)));

    private static bool IsInside(string fullPath, string root) => fullPath.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Deletes a job's upload folder and manifest under <paramref name="tenantUploads"/>, where it has them.</summary>
    public static void DeleteJob(string tenantUploads, string jobId)
    {
        var folder = Path.Combine(tenantUploads, jobId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var manifest = Path.Combine(tenantUploads, jobId + ".manifest");
        if (File.Exists(manifest))
        {
            File.Delete(manifest);
        }
    }
}
