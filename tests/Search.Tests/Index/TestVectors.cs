namespace SampleMind.Search.Tests.Index;

/// <summary>Reproducible synthetic vectors for index tests.</summary>
internal static class TestVectors
{
    public const int Dimensions = 64;

    /// <summary>n × dims floats: independent Gaussians, or Gaussian clusters (1000 centres, σ 0.25) when clustered.</summary>
    public static float[] Generate(int n, bool clustered, int seed, int dims = Dimensions)
    {
        var random = new Random(seed);
        var centreRandom = new Random(12345);
        var centres = new float[clustered ? 1000 * dims : 0];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = (float)Gaussian(centreRandom);
        }

        var data = new float[n * dims];
        for (var i = 0; i < n; i++)
        {
            var centre = clustered ? random.Next(1000) * dims : -1;
            for (var d = 0; d < dims; d++)
            {
                var noise = (float)Gaussian(random);
                data[(i * dims) + d] = centre < 0 ? noise : centres[centre + d] + (0.25f * noise);
            }
        }

        return data;
    }

    public static string[] Ids(int n, string prefix = "s") => [.. Enumerable.Range(0, n).Select(i => prefix + i)];

    public static ReadOnlySpan<float> Row(float[] data, int i, int dims = Dimensions) => data.AsSpan(i * dims, dims);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
