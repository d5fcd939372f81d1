using System.Buffers;
using System.Text;

namespace SampleMind.Runtime.Cluster.Placement;

/// <summary>
/// FNV-1a 64 over UTF-8, identical in every process and release (unlike <c>string.GetHashCode</c>),
/// plus a 64-bit finalizer (SplitMix64's) that spreads combined hashes for rendezvous scoring.
/// </summary>
internal static class StableHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Fnv1a(ReadOnlySpan<byte> data, ulong hash = Offset)
    {
        foreach (var b in data)
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }

    /// <summary>The hash of <paramref name="text"/>'s UTF-8 bytes.</summary>
    public static ulong Of(string text) => Of(text, Offset);

    /// <summary>The hash of "<paramref name="first"/>/<paramref name="second"/>" without building the string.</summary>
    public static ulong Of(string first, string second)
    {
        var hash = Of(first, Offset);
        hash = (hash ^ '/') * Prime;
        return Of(second, hash);
    }

    private static ulong Of(string text, ulong seed)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = max <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            return Fnv1a(buffer[..length], seed);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>SplitMix64's finalizer: every input bit affects every output bit.</summary>
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
