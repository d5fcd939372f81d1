using System.Runtime.InteropServices;

namespace SampleMind.Grains.Search;

/// <summary>
/// A 64-bit checksum of a stored vector's exact float bits, the same in every process and release: a shard's row keeps
/// it, and loading the index file compares it with the vector the file holds.
/// </summary>
internal static class VectorStamps
{
    public static long Of(ReadOnlySpan<float> vector)
    {
        var hash = 0x9E3779B97F4A7C15UL ^ (ulong)vector.Length;
        foreach (var bits in MemoryMarshal.Cast<float, uint>(vector))
        {
            hash = (hash ^ bits) * 0xFF51AFD7ED558CCDUL;
            hash ^= hash >> 32;
        }

        return unchecked((long)hash);
    }
}
