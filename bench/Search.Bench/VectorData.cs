namespace SampleMind.Search.Bench;

/// <summary>Reproducible synthetic vectors: independent Gaussian, or Gaussian clusters around random centres.</summary>
internal static class VectorData
{
    public static float[] Generate(int n, int dims, bool clustered, int seed)
    {
        var random = new Random(seed);
        var data = new float[(long)n * dims];
        var centres = clustered ? Gaussian(random, 1000 * dims, 1.0) : [];
        for (var i = 0; i < n; i++)
        {
            var row = data.AsSpan(i * dims, dims);
            var centre = clustered ? random.Next(1000) * dims : -1;
            for (var d = 0; d < dims; d++)
            {
                var noise = (float)NextGaussian(random);
                row[d] = centre < 0 ? noise : centres[centre + d] + (0.25f * noise);
            }
        }

        return data;
    }

    private static float[] Gaussian(Random random, int n, double scale)
    {
        var values = new float[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = (float)(NextGaussian(random) * scale);
        }

        return values;
    }

    private static double NextGaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
