using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SampleMind.Search.Index.Internal;

/// <summary>
/// The distance kernels of the HNSW hot loop: dot product and squared Euclidean distance over two rows of
/// <c>n</c> floats given by reference (no span construction, no bounds checks), with two independent SIMD
/// accumulators, and a software prefetch of a row about to be scored.
/// </summary>
/// <remarks>
/// Callers guarantee that both references point at <c>n</c> readable floats; the index only passes rows of its own
/// contiguous vector array and its query buffer, both <c>Dimensions</c> long.
/// </remarks>
internal static class VectorKernels
{
    /// <summary>The sum of <c>a[i] × b[i]</c> for i in [0, n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ref float a, ref float b, int n)
    {
        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            return Dot512(ref a, ref b, n);
        }

        return Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count ? Dot256(ref a, ref b, n) : DotScalar(ref a, ref b, 0, n);
    }

    /// <summary>The sum of <c>(a[i] - b[i])²</c> for i in [0, n): the squared Euclidean distance.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SquaredL2(ref float a, ref float b, int n)
    {
        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            return SquaredL2_512(ref a, ref b, n);
        }

        return Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count
            ? SquaredL2_256(ref a, ref b, n)
            : SquaredL2Scalar(ref a, ref b, 0, n);
    }

    /// <summary>
    /// Asks the CPU to start loading the <paramref name="bytes"/> bytes from <paramref name="start"/> into cache.
    /// A hint only: a prefetch never faults, whatever the address.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch(ref float start, int bytes)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        var p = (byte*)Unsafe.AsPointer(ref start);
        for (var offset = 0; offset < bytes; offset += 64)
        {
            Sse.Prefetch0(p + offset);
        }
    }

    private static float Dot512(ref float a, ref float b, int n)
    {
        var acc0 = Vector512<float>.Zero;
        var acc1 = Vector512<float>.Zero;
        nint i = 0;
        var width = Vector512<float>.Count;
        for (; i <= n - (2 * width); i += 2 * width)
        {
            acc0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)i), Vector512.LoadUnsafe(ref b, (nuint)i), acc0);
            acc1 = Vector512.FusedMultiplyAdd(
                Vector512.LoadUnsafe(ref a, (nuint)(i + width)), Vector512.LoadUnsafe(ref b, (nuint)(i + width)), acc1);
        }

        if (i <= n - width)
        {
            acc0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)i), Vector512.LoadUnsafe(ref b, (nuint)i), acc0);
            i += width;
        }

        return Vector512.Sum(acc0 + acc1) + DotScalar(ref a, ref b, (int)i, n);
    }

    private static float Dot256(ref float a, ref float b, int n)
    {
        var acc0 = Vector256<float>.Zero;
        var acc1 = Vector256<float>.Zero;
        nint i = 0;
        var width = Vector256<float>.Count;
        for (; i <= n - (2 * width); i += 2 * width)
        {
            acc0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i), acc0);
            acc1 = Vector256.FusedMultiplyAdd(
                Vector256.LoadUnsafe(ref a, (nuint)(i + width)), Vector256.LoadUnsafe(ref b, (nuint)(i + width)), acc1);
        }

        if (i <= n - width)
        {
            acc0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i), acc0);
            i += width;
        }

        return Vector256.Sum(acc0 + acc1) + DotScalar(ref a, ref b, (int)i, n);
    }

    private static float SquaredL2_512(ref float a, ref float b, int n)
    {
        var acc0 = Vector512<float>.Zero;
        var acc1 = Vector512<float>.Zero;
        nint i = 0;
        var width = Vector512<float>.Count;
        for (; i <= n - (2 * width); i += 2 * width)
        {
            var d0 = Vector512.LoadUnsafe(ref a, (nuint)i) - Vector512.LoadUnsafe(ref b, (nuint)i);
            var d1 = Vector512.LoadUnsafe(ref a, (nuint)(i + width)) - Vector512.LoadUnsafe(ref b, (nuint)(i + width));
            acc0 = Vector512.FusedMultiplyAdd(d0, d0, acc0);
            acc1 = Vector512.FusedMultiplyAdd(d1, d1, acc1);
        }

        if (i <= n - width)
        {
            var d = Vector512.LoadUnsafe(ref a, (nuint)i) - Vector512.LoadUnsafe(ref b, (nuint)i);
            acc0 = Vector512.FusedMultiplyAdd(d, d, acc0);
            i += width;
        }

        return Vector512.Sum(acc0 + acc1) + SquaredL2Scalar(ref a, ref b, (int)i, n);
    }

    private static float SquaredL2_256(ref float a, ref float b, int n)
    {
        var acc0 = Vector256<float>.Zero;
        var acc1 = Vector256<float>.Zero;
        nint i = 0;
        var width = Vector256<float>.Count;
        for (; i <= n - (2 * width); i += 2 * width)
        {
            var d0 = Vector256.LoadUnsafe(ref a, (nuint)i) - Vector256.LoadUnsafe(ref b, (nuint)i);
            var d1 = Vector256.LoadUnsafe(ref a, (nuint)(i + width)) - Vector256.LoadUnsafe(ref b, (nuint)(i + width));
            acc0 = Vector256.FusedMultiplyAdd(d0, d0, acc0);
            acc1 = Vector256.FusedMultiplyAdd(d1, d1, acc1);
        }

        if (i <= n - width)
        {
            var d = Vector256.LoadUnsafe(ref a, (nuint)i) - Vector256.LoadUnsafe(ref b, (nuint)i);
            acc0 = Vector256.FusedMultiplyAdd(d, d, acc0);
            i += width;
        }

        return Vector256.Sum(acc0 + acc1) + SquaredL2Scalar(ref a, ref b, (int)i, n);
    }

    private static float DotScalar(ref float a, ref float b, int from, int n)
    {
        var sum = 0f;
        for (var i = from; i < n; i++)
        {
            sum += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        }

        return sum;
    }

    private static float SquaredL2Scalar(ref float a, ref float b, int from, int n)
    {
        var sum = 0f;
        for (var i = from; i < n; i++)
        {
            var d = Unsafe.Add(ref a, i) - Unsafe.Add(ref b, i);
            sum += d * d;
        }

        return sum;
    }
}
