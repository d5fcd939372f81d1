namespace SampleMind.Cli;

/// <summary>
/// A connection's stream to the API that, once a write has failed, drops the writes after it instead of failing them
/// too, and still reads: a server that answers a request before it has read the request's body (a 413 once an upload
/// passes <c>Ingest:MaxUploadBytes</c>) and then stops reading gets its answer read. Without it the HTTP stack, which
/// finishes sending the body before it returns the answer, lost the answer to the failed write ("Error while copying
/// content to a stream"). The failed write itself still throws, so its sender (<see cref="FolderUpload"/>) can stop; a
/// connection that broke for good fails its read instead.
/// </summary>
internal sealed class ConnectionStream(Stream inner) : Stream
{
    private bool _broken;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_broken)
        {
            return;
        }

        try
        {
            await inner.WriteAsync(buffer, cancellationToken);
        }
        catch (IOException)
        {
            _broken = true;
            throw;
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_broken)
        {
            return;
        }

        try
        {
            inner.Write(buffer, offset, count);
        }
        catch (IOException)
        {
            _broken = true;
            throw;
        }
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!_broken)
        {
            await inner.FlushAsync(cancellationToken);
        }
    }

    public override void Flush()
    {
        if (!_broken)
        {
            inner.Flush();
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();
}
