using System.Formats.Tar;
using System.IO.Compression;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using SampleMind.Grains.Ingest;

namespace SampleMind.Api.Uploads;

/// <summary>
/// Stores an upload's files under a destination folder without holding the body in memory:
/// multipart sections and tar entries are streamed to disk; a zip is spooled to a temporary file
/// (its directory sits at the end) and extracted from there. Unsafe names, and a corrupt or truncated archive or
/// multipart body, reject the whole upload.
/// </summary>
internal sealed class UploadReceiver(IngestOptions options)
{
    /// <summary>The most zero padding a tar may hold after its end marker (tar writers pad to 10 KiB records).</summary>
    private const long MaxPadding = 1024 * 1024;

    /// <summary>Writes the files and returns how many are sample files (by extension); on rejection the destination is deleted.</summary>
    public async Task<int> ReceiveAsync(HttpRequest request, string destination, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(destination);
        // Media types are case-insensitive (RFC 9110): "Application/Zip" is a zip.
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? (parsed.MediaType.Value ?? "").ToLowerInvariant() : "";
        await using var body = new HeadRecordingStream(request.Body);
        try
        {
            var budget = new UploadBudget(options);
            // The types the endpoint is routed for (IngestApi.BodyTypes); any other was a 415 before it came here.
            return mediaType switch
            {
                "multipart/form-data" => await ReceiveMultipartAsync(request, parsed!, destination, budget, cancellationToken),
                "application/zip" => await ReceiveZipAsync(body, destination, budget, cancellationToken),
                "application/x-tar" => await ReceiveTarAsync(body, destination, budget, cancellationToken),
                "application/gzip" => await ReceiveTarGzAsync(body, destination, budget, cancellationToken),
                _ => throw new UploadRejectedException(
                    $"An ingest does not take {(mediaType.Length == 0 ? "a body with no content type" : $"the content type '{mediaType}'")}: " +
                    "send application/json (a directory or manifest source), text/plain (a manifest, one path a line, with ?root=), " +
                    "or an upload as multipart/form-data, application/zip, application/x-tar or application/gzip (tar.gz).",
                    unsupportedType: true),
            };
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            // What the archive and multipart readers throw on a corrupt or truncated body: the client's error. An
            // archive of another kind than its media type says is named as such (a multipart body is not read through
            // the head).
            Directory.Delete(destination, recursive: true);
            if (mediaType != "multipart/form-data")
            {
                await body.FillHeadAsync(cancellationToken);
            }

            throw new UploadRejectedException($"The upload is not a valid {mediaType} body: {ArchiveSniffer.Mismatch(body.Head, mediaType) ?? e.Message}");
        }
        catch
        {
            Directory.Delete(destination, recursive: true);
            throw;
        }
    }

    private async Task<int> ReceiveMultipartAsync(
        HttpRequest request, MediaTypeHeaderValue contentType, string destination, UploadBudget budget, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value
            ?? throw new UploadRejectedException("The multipart body has no boundary.");
        var reader = new MultipartReader(boundary, request.Body);
        var count = 0;
        while (await NextSectionAsync(reader, cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
            {
                continue;
            }

            var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value;
            count += await WriteEntryAsync(section.Body, name, destination, budget, cancellationToken) ? 1 : 0;
        }

        return count;
    }

    /// <summary>The next multipart section; a body that breaks off inside the section headers is the client's error.</summary>
    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (IOException e) when (e is not BadHttpRequestException)
        {
            throw new InvalidDataException("The body broke off inside a section's headers.", e);
        }
    }

    private async Task<int> ReceiveZipAsync(Stream body, string destination, UploadBudget budget, CancellationToken cancellationToken)
    {
        var spool = Path.Combine(destination, ".upload.zip");
        await using (var file = File.Create(spool))
        {
            await budget.CopyAsync(body, file, options.MaxUploadBytes, "upload", cancellationToken);
        }

        try
        {
            await using var zip = await ZipArchive.CreateAsync(File.OpenRead(spool), ZipArchiveMode.Read, leaveOpen: false, entryNameEncoding: null, cancellationToken);
            foreach (var entry in zip.Entries)
            {
                // Folder entries are checked as files are ("../", "/abs/" reject the archive), then skipped.
                if (ArchiveEntryPath.CheckFolder(entry.FullName) is { } reason)
                {
                    throw new UploadRejectedException($"The archive entry '{ArchiveEntryPath.Shown(entry.FullName)}' {reason}; the archive was rejected.");
                }

                if (IsLink(entry))
                {
                    throw new UploadRejectedException($"The archive entry '{ArchiveEntryPath.Shown(entry.FullName)}' is a link; links are not accepted.");
                }

                if (entry.IsEncrypted)
                {
                    throw new UploadRejectedException(
                        $"The archive entry '{ArchiveEntryPath.Shown(entry.FullName)}' is encrypted: encrypted zip entries are not supported; send the archive without a password.");
                }
            }

            budget = new UploadBudget(options);
            var count = 0;
            foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
            {
                await using var content = new Crc32ReadStream(await entry.OpenAsync(cancellationToken));
                count += await WriteEntryAsync(content, entry.FullName, destination, budget, cancellationToken) ? 1 : 0;
                if (content.BytesRead != entry.Length || content.Crc32 != entry.Crc32)
                {
                    throw new InvalidDataException(
                        $"the entry '{entry.FullName}' is damaged: {content.BytesRead:N0} bytes with CRC-32 {content.Crc32:x8} where the archive says " +
                        $"{entry.Length:N0} bytes with {entry.Crc32:x8}");
                }
            }

            return count;
        }
        finally
        {
            File.Delete(spool);
        }
    }

    /// <summary>
    /// A tar.gz: the tar, then the rest of the gzip stream read to its end, so that its trailer (the CRC-32 and length of
    /// the data) is checked: a tar reader stops at the archive's end marker, before the trailer, and a damaged entry
    /// would be stored and analysed as it came out. The gzip members of a body are read as one stream, so a second
    /// tar.gz joined to the first is data after the tar's end.
    /// </summary>
    private async Task<int> ReceiveTarGzAsync(Stream body, string destination, UploadBudget budget, CancellationToken cancellationToken)
    {
        await using var gzip = new GZipStream(body, CompressionMode.Decompress, leaveOpen: true);
        var count = await ReceiveTarEntriesAsync(gzip, destination, budget, cancellationToken);
        try
        {
            await ReadPaddingAsync(gzip, budget, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            // .NET says "compressed using an unsupported compression method" for a failed check: say what it means.
            throw new InvalidDataException("its gzip trailer does not match the data (the CRC-32 or length check failed: the data is damaged)", e);
        }

        return count;
    }

    private async Task<int> ReceiveTarAsync(Stream body, string destination, UploadBudget budget, CancellationToken cancellationToken)
    {
        var count = await ReceiveTarEntriesAsync(body, destination, budget, cancellationToken);
        await ReadPaddingAsync(body, budget, cancellationToken);
        return count;
    }

    /// <summary>
    /// Reads what follows the tar's end marker to the body's end: zero blocks (a writer's record padding) are taken;
    /// anything else (a second archive joined with cat) refuses the upload, where the files after the first end marker
    /// were dropped unread.
    /// </summary>
    private static async Task ReadPaddingAsync(Stream tar, UploadBudget budget, CancellationToken cancellationToken)
    {
        if (!await budget.ReadZerosAsync(tar, MaxPadding, "the zero padding after the tar's end", cancellationToken))
        {
            throw new UploadRejectedException(
                "Data follows the archive's end: two archives joined (cat a.tar b.tar)? Send each on its own; the upload was rejected.");
        }
    }

    /// <summary>
    /// Stores a tar's entries; each header is checked against its checksum as it is read (<see cref="TarChecksumReadStream"/>),
    /// which .NET's reader does not do.
    /// </summary>
    private async Task<int> ReceiveTarEntriesAsync(Stream body, string destination, UploadBudget budget, CancellationToken cancellationToken)
    {
        await using var checkedBody = new TarChecksumReadStream(body);
        await using var tar = new TarReader(checkedBody, leaveOpen: true);
        var count = 0;
        while (await NextTarEntryAsync(tar, cancellationToken) is { } entry)
        {
            // A folder, a GNU folder listing (an incremental dump's) and a volume label hold no file; global PAX
            // records are metadata the reader hands out as an entry of their own.
            if (entry.EntryType is TarEntryType.Directory or TarEntryType.DirectoryList or TarEntryType.TapeVolume or TarEntryType.GlobalExtendedAttributes)
            {
                // Folder entries are checked as a zip's are ("../", "/abs/" reject the archive), then skipped.
                if (entry.EntryType is (TarEntryType.Directory or TarEntryType.DirectoryList) && ArchiveEntryPath.CheckFolder(entry.Name) is { } reason)
                {
                    throw new UploadRejectedException($"The archive entry '{ArchiveEntryPath.Shown(entry.Name)}' {reason}; the archive was rejected.");
                }

                continue;
            }

            if (entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink)
            {
                throw new UploadRejectedException($"The archive entry '{ArchiveEntryPath.Shown(entry.Name)}' is a link; links are not accepted.");
            }

            // A contiguous file is a regular file to every reader but the one system that wrote it (GNU tar reads it so).
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
            {
                throw new UploadRejectedException(
                    $"The archive entry '{ArchiveEntryPath.Shown(entry.Name)}' is {KindOf(entry.EntryType)} (tar type {TypeFlag(entry.EntryType)}); " +
                    "an upload takes regular files and folders only, and the upload was rejected.");
            }

            // An empty file has no data stream; it is kept, so that its item fails with a reason as it would from a folder.
            count += await WriteEntryAsync(entry.DataStream ?? Stream.Null, entry.Name, destination, budget, cancellationToken) ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// The next tar entry; an entry of a kind the reader cannot read (a GNU sparse file, in the GNU format or in PAX
    /// records) rejects the upload. The reader hands out a PAX sparse file as a regular file of a made-up name
    /// (<c>GNUSparseFile.0/kick.wav</c>) whose bytes start with the sparse map.
    /// </summary>
    private static async Task<TarEntry?> NextTarEntryAsync(TarReader tar, CancellationToken cancellationToken)
    {
        TarEntry? entry;
        try
        {
            entry = await tar.GetNextEntryAsync(copyData: false, cancellationToken);
        }
        catch (NotSupportedException e)
        {
            throw new InvalidDataException($"it holds an entry this server cannot read ({e.Message}); write the archive without sparse files", e);
        }

        if (entry is PaxTarEntry pax && pax.ExtendedAttributes.Keys.Any(key => key.StartsWith("GNU.sparse.", StringComparison.Ordinal)))
        {
            var name = pax.ExtendedAttributes.GetValueOrDefault("GNU.sparse.name", pax.Name);
            throw new InvalidDataException(
                $"it holds an entry this server cannot read ('{name}' is a GNU sparse file, in PAX records); write the archive without sparse files");
        }

        return entry;
    }

    /// <summary>What a tar entry of a type an upload does not take is, as a sentence's object.</summary>
    private static string KindOf(TarEntryType type) => type switch
    {
        TarEntryType.CharacterDevice => "a character device",
        TarEntryType.BlockDevice => "a block device",
        TarEntryType.Fifo => "a FIFO (named pipe)",
        TarEntryType.MultiVolume => "the rest of a file begun on another volume",
        TarEntryType.RenamedOrSymlinked => "an old GNU rename or link",
        _ => "of a type this server does not know",
    };

    /// <summary>A tar type flag as written in the header: a printable character quoted, any other byte as its code.</summary>
    private static string TypeFlag(TarEntryType type) =>
        (byte)type is >= 0x21 and < 0x7F ? $"'{(char)type}'" : $"0x{(byte)type:X2}";

    /// <summary>Whether a zip entry is a symbolic link (Unix mode S_IFLNK in the high half of its external attributes).</summary>
    private static bool IsLink(ZipArchiveEntry entry) => ((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000;

    /// <summary>Writes one file; true when it is a sample file (an extension the job lists), which the job will ingest.</summary>
    private async Task<bool> WriteEntryAsync(Stream content, string? name, string destination, UploadBudget budget, CancellationToken cancellationToken)
    {
        if (ArchiveEntryPath.Normalize(name, out var relative) is { } reason)
        {
            throw new UploadRejectedException($"The file name '{ArchiveEntryPath.Shown(name ?? "")}' {reason}; the upload was rejected.");
        }

        budget.CountFile(relative);
        var path = Path.Combine(destination, relative);
        if (!IngestRoots.IsInside(Path.GetFullPath(path), Path.GetFullPath(destination)))
        {
            throw new UploadRejectedException($"The file name '{ArchiveEntryPath.Shown(name ?? "")}' leaves the upload folder; the upload was rejected.");
        }

        if (Clash(destination, relative) is { } clash)
        {
            throw new UploadRejectedException(clash);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await budget.CopyAsync(content, file, budget.MaxFileBytes, relative, cancellationToken);
        return options.IsSampleFileName(Path.GetFileName(relative.AsSpan()));
    }

    /// <summary>
    /// Why <paramref name="relative"/> cannot be written beside the entries before it, or null: a name the upload holds
    /// twice (an archive appended to, "x.wav" and "./x.wav", a form with two parts of one name), or a file where a
    /// folder of a later entry goes, or the reverse. No rule would say which to keep, so the upload is refused.
    /// </summary>
    private static string? Clash(string destination, string relative)
    {
        var path = Path.Combine(destination, relative);
        if (File.Exists(path))
        {
            return $"The upload holds '{relative}' more than once; give each file its own name.";
        }

        if (Directory.Exists(path))
        {
            return $"The upload holds '{relative}' both as a file and as a folder of other files.";
        }

        for (var folder = Path.GetDirectoryName(relative); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(destination, folder)))
            {
                return $"The upload holds '{folder}' both as a file and as a folder of other files.";
            }
        }

        return null;
    }
}
