using SampleMind.Search.Index.Internal;

namespace SampleMind.Search.Tests.Index;

public sealed class VectorKernelsTests
{
    public static TheoryData<int> Lengths => [1, 7, 8, 15, 16, 17, 31, 32, 33, 48, 63, 64, 65, 100, 128, 513];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Dot_and_squared_L2_match_a_double_precision_reference(int n)
    {
        var random = new Random(n);
        var a = new float[n];
        var b = new float[n];
        for (var i = 0; i < n; i++)
        {
            a[i] = (float)((random.NextDouble() * 2) - 1);
            b[i] = (float)((random.NextDouble() * 2) - 1);
        }

        double dot = 0;
        double l2 = 0;
        for (var i = 0; i < n; i++)
        {
            dot += (double)a[i] * b[i];
            l2 += ((double)a[i] - b[i]) * ((double)a[i] - b[i]);
        }

        Assert.Equal(dot, VectorKernels.Dot(ref a[0], ref b[0], n), 1e-4 * n);
        Assert.Equal(l2, VectorKernels.SquaredL2(ref a[0], ref b[0], n), 1e-4 * n);
    }
}
