using System.Buffers;
using System.Security.Cryptography;

namespace SampleMind.Grains.Ingest;

/// <summary>How an ingest reads a sample file: its SHA-256, and its bytes for the analysis when they fit a buffer.</summary>
public static class SampleFiles
{
    /// <summary>
    /// The file's SHA-256 and, when it fits <paramref name="buffer"/> (one byte to spare, so a file that grew since its
    /// size was taken is noticed), its bytes there for the analysis to decode: a sample is read once, not once to hash
    /// and again to decode. Without a buffer, or for a file that does not fit, the file is hashed as it streams by and
    /// no bytes come back (the analysis reads the file).
    /// </summary>
    public static (string Hash, ReadOnlyMemory<byte>? Contents) ReadAndHash(string path, byte[]? buffer)
    {
        if (buffer is not null)
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var length = 0;
            int read;
            while (length < buffer.Length && (read = RandomAccess.Read(file, buffer.AsSpan(length), length)) > 0)
            {
                length += read;
            }

            if (length < buffer.Length)
            {
                return (Convert.ToHexStringLower(SHA256.HashData(buffer.AsSpan(0, length))), buffer.AsMemory(0, length));
            }
        }

        return (HashStreamed(path), null);
    }

    /// <summary>SHA-256 of the file, read synchronously in chunks of up to 1 MiB.</summary>
    private static string HashStreamed(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(file, buffer, offset)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                offset += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
