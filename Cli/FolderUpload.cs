using System.Formats.Tar;
using System.Net;
using System.Net.Http.Headers;
using SampleMind.Cli.Interop;

namespace SampleMind.Cli;

/// <summary>
/// A local folder's sample files sent as one tar stream (<c>application/x-tar</c>), written file by file while the
/// request is sent: nothing is buffered or written to a temporary file, so a library of any size uploads in constant
/// memory. Entry names are the files' paths under the folder with '/' separators; symbolic links are not followed; a
/// FIFO, a device or a socket with a sample's name is left out (<see cref="LeftOut"/>): opening one waits for a writer.
/// </summary>
internal sealed class FolderUpload : HttpContent
{
    /// <summary>The extensions the server ingests by default (Ingest:Extensions, the same list); other files are not sent.</summary>
    public static IReadOnlyList<string> SampleExtensions => SampleMind.Grains.Ingest.SampleFileExtensions.Default;

    private readonly string _root;
    private readonly Action<long, long>? _sent;
    private readonly Action? _moved;

    private FolderUpload(
        string root, IReadOnlyList<(string Path, string Name, long Bytes)> files, IReadOnlyList<string> leftOut, Action<long, long>? sent, Action? moved)
    {
        _root = root;
        Files = files;
        LeftOut = leftOut;
        TotalBytes = files.Sum(f => f.Bytes);
        _sent = sent;
        _moved = moved;
        Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
    }

    /// <summary>The files sent, in the order sent (ordinal by name).</summary>
    public IReadOnlyList<(string Path, string Name, long Bytes)> Files { get; }

    /// <summary>
    /// The names under the folder, ordinal, with a sample's extension that are not regular files (a FIFO, a device, a
    /// socket): not sent, as opening a FIFO waits for a writer and a device's bytes are no sample.
    /// </summary>
    public IReadOnlyList<string> LeftOut { get; }

    /// <summary>The bytes of the files' contents together (the tar adds its headers).</summary>
    public long TotalBytes { get; }

    /// <summary>The sample files under <paramref name="folder"/>; <see cref="UsageException"/> when it does not exist or has none.</summary>
    /// <param name="folder">The local folder.</param>
    /// <param name="sent">Called after each file with the file bytes sent so far and <see cref="TotalBytes"/>.</param>
    /// <param name="moved">Called after each write of the body that went through (the upload is moving).</param>
    public static FolderUpload Of(string folder, Action<long, long>? sent = null, Action? moved = null)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new UsageException($"'{folder}' is not a folder on this machine.");
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        var listed = new DirectoryInfo(root).EnumerateFiles("*", options)
            .Where(f => SampleExtensions.Contains(f.Extension, StringComparer.OrdinalIgnoreCase))
            .Select(f => (f.FullName, Path.GetRelativePath(root, f.FullName).Replace(Path.DirectorySeparatorChar, '/'), f.Length))
            .OrderBy(f => f.Item2, StringComparer.Ordinal)
            .ToLookup(f => Libc.IsSpecialFile(f.FullName));
        var files = listed[false].ToList();
        return files.Count == 0
            ? throw new UsageException($"'{folder}' holds no sample files ({string.Join(' ', SampleExtensions)}).")
            : new FolderUpload(root, files, listed[true].Select(f => f.Item2).ToList(), sent, moved);
    }

    /// <summary>
    /// Writes the tar. A write the connection fails (the server stopped reading: it refused the upload part-way) ends the
    /// body there without an error, so that the HTTP stack goes on to read the answer the server gave
    /// (<see cref="ConnectionStream"/>); a connection with no answer fails that read.
    /// </summary>
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var body = new BodyStream(stream, _moved);
        try
        {
            await WriteTarAsync(body, cancellationToken);
        }
        catch (ServerStoppedReadingException)
        {
        }
    }

    private async Task WriteTarAsync(BodyStream stream, CancellationToken cancellationToken)
    {
        // GNU long names, not PAX records: any name travels (a PAX record holding a newline is refused by .NET's reader).
        await using var writer = new TarWriter(stream, TarEntryFormat.Gnu, leaveOpen: true);
        long sent = 0;
        foreach (var (path, name, bytes) in Files)
        {
            FileStream source;
            try
            {
                source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UnreadableFileException(path, e);
            }

            await using (source)
            {
                var entry = new GnuTarEntry(TarEntryType.RegularFile, name) { DataStream = source };
                await writer.WriteEntryAsync(entry, cancellationToken);
            }

            sent += bytes;
            _sent?.Invoke(sent, TotalBytes);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    public override string ToString() => $"{Files.Count} files under {_root}";

    /// <summary>
    /// The request body as written: each write that goes through is progress; the first that fails stops the tar
    /// (<see cref="ServerStoppedReadingException"/>), and what is written after it (the tar's closing blocks) goes nowhere.
    /// </summary>
    private sealed class BodyStream(Stream inner, Action? moved) : Stream
    {
        private bool _stopped;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_stopped)
            {
                return;
            }

            try
            {
                await inner.WriteAsync(buffer, cancellationToken);
            }
            catch (IOException e) when (!cancellationToken.IsCancellationRequested)
            {
                _stopped = true;
                throw new ServerStoppedReadingException(e);
            }

            moved?.Invoke();
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken) => _stopped ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

        public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>A write of the body failed: the server stopped reading it.</summary>
    private sealed class ServerStoppedReadingException(Exception inner) : Exception("The server stopped reading the upload.", inner);
}

/// <summary>A file of the folder that could not be opened while the upload was sent (deleted or made unreadable meanwhile).</summary>
internal sealed class UnreadableFileException(string path, Exception inner) : IOException($"'{path}' could not be read: {inner.Message}", inner);
