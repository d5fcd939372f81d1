namespace SampleMind.Api;

/// <summary>
/// A request body that may not go quiet: a read that gets no byte within <c>idleTimeout</c> fails with a 408
/// (<see cref="BadHttpRequestException"/>), so a client that stops sending in the middle of a large body (an upload, a
/// text manifest, a hummed clip) does not hold its request, its spool and its connection for ever. Kestrel's own
/// minimum data rate averages over the whole body, so after a fast first gigabyte it would wait hours.
/// </summary>
internal sealed class IdleBodyStream(Stream inner, TimeSpan idleTimeout) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(idleTimeout);
        try
        {
            return await inner.ReadAsync(buffer, idle.Token);
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new BadHttpRequestException(
                $"The request body stopped: nothing came for {idleTimeout.TotalSeconds:0.###} s (Api:BodyIdleTimeout). Nothing of it was kept; send it again.",
                StatusCodes.Status408RequestTimeout);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
