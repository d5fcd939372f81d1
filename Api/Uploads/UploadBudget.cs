using System.Buffers;
using SampleMind.Grains.Ingest;

namespace SampleMind.Api.Uploads;

/// <summary>Counts bytes and files of one upload against the configured limits.</summary>
internal sealed class UploadBudget(IngestOptions options)
{
    private long _totalBytes;
    private int _files;

    public long MaxFileBytes => options.MaxFileBytes;

    public void CountFile(string name)
    {
        if (++_files > options.MaxFilesPerJob)
        {
            throw new UploadRejectedException($"The upload holds more than {options.MaxFilesPerJob} files (at '{name}').", tooLarge: true);
        }
    }

    /// <summary>Copies at most <paramref name="limit"/> bytes, also counting them against the upload's total.</summary>
    public async Task CopyAsync(Stream source, Stream destination, long limit, string what, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long copied = 0;
            int read;
            while ((read = await ReadBodyAsync(source, buffer, cancellationToken)) > 0)
            {
                copied = Count(copied, read, limit, what);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads <paramref name="source"/> to its end, at most <paramref name="limit"/> bytes, also counting them against the
    /// upload's total; false as soon as a byte is not zero (the rest is not read).
    /// </summary>
    public async Task<bool> ReadZerosAsync(Stream source, long limit, string what, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long copied = 0;
            int read;
            while ((read = await ReadBodyAsync(source, buffer, cancellationToken)) > 0)
            {
                if (buffer.AsSpan(0, read).ContainsAnyExcept((byte)0))
                {
                    return false;
                }

                copied = Count(copied, read, limit, what);
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary><paramref name="copied"/> plus <paramref name="read"/>, refused past <paramref name="limit"/> or the upload's total.</summary>
    private long Count(long copied, int read, long limit, string what)
    {
        copied += read;
        _totalBytes += read;
        if (copied > limit)
        {
            throw new UploadRejectedException($"'{what}' exceeds the size limit ({limit} bytes).", tooLarge: true);
        }

        if (_totalBytes > options.MaxUploadBytes)
        {
            throw new UploadRejectedException(
                $"The upload exceeds its size limit ({options.MaxUploadBytes} bytes in all, Ingest:MaxUploadBytes) at '{what}'.", tooLarge: true);
        }

        return copied;
    }

    /// <summary>
    /// A read of the upload; a body that breaks off (a multipart section without its closing boundary, a connection
    /// the client dropped) is the client's error, told apart here from a failed write to the upload folder.
    /// </summary>
    private static async ValueTask<int> ReadBodyAsync(Stream source, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await source.ReadAsync(buffer, cancellationToken);
        }
        catch (IOException e) when (e is not BadHttpRequestException)
        {
            throw new InvalidDataException("The body broke off before its end (a multipart body needs its closing boundary).", e);
        }
    }
}
