using System.Buffers;
using System.Security.Cryptography;
using SampleMind.Api.Uploads;

namespace SampleMind.Api.Idempotency;

/// <summary>
/// A read-only view of a request body that hashes (SHA-256) every byte read through it, so that a handler that reads the
/// body once (parsing it, or writing a manifest to disk) learns the hash of the exact bytes without holding them or
/// reading them again. The body belongs to the server, and a reader that disposes this stream (a <see cref="StreamReader"/>)
/// disposes neither it nor the hash: <see cref="FinishAsync"/> reads on and releases the hash.
/// </summary>
internal sealed class HashingReadStream(Stream inner) : ReadThroughStream(inner, leaveOpen: true)
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

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

    protected override void Observe(ReadOnlySpan<byte> read) => _hash.AppendData(read);
}
