using System.Buffers;
using System.Security.Cryptography;

namespace SampleMind.Api.Idempotency;

/// <summary>
/// A read-only view of a request body that hashes (SHA-256) every byte read through it, so that a handler that reads the
/// body once (parsing it, or writing a manifest to disk) learns the hash of the exact bytes without holding them or
/// reading them again. The body belongs to the server, and a reader that disposes this stream (a <see cref="StreamReader"/>)
/// disposes neither it nor the hash: <see cref="FinishAsync"/> reads on and releases the hash.
/// </summary>
internal sealed class HashingReadStream(Stream inner) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Reads what is left of the body (nothing, when its reader read it to the end) and returns the hash of all of it.</summary>
    public async Task<byte[]> FinishAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (await ReadAsync(buffer.AsMemory(), cancellationToken) > 0)
            {
                // Each read hashes what it read.
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        using (_hash)
        {
            return _hash.GetHashAndReset();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        _hash.AppendData(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        _hash.AppendData(buffer.Span[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
